import { afterEach, describe, expect, it } from 'vitest';
import { failedOutcome } from '../../../main/importers/importFailure';
import { prepareFile, storeParsedFiles } from '../../../main/importers/storeSources';
import { catalogText } from '../support/catalogText';
import { cleanUpTemp, tempArchive } from '../support/tempArchive';
import { archiveEnginesPerFile } from '../team/support/engineArchive';
import { parsedSource } from '../team/support/parsedSource';
import { ENGINES } from '../team/support/teamFixture';

afterEach(cleanUpTemp);

const freshArchive = archiveEnginesPerFile();

// Only a reference may have no text (local trigger of migration 140, team check of migration 50).
// The parsers never make such a file, but whatever reaches the archive is refused in the same
// words on both engines, in the analyst's language, never in PostgreSQL's or SQLite's own.
const REFUSED = {
  kind: 'failed',
  error: 'no text: only a reference may be stored without text',
  errorText: { id: 'import.failure.noText' },
};

describe.each(ENGINES)('a file with no text that is not a reference (%s)', (engine) => {
  it('is refused in the same words as on the other engine', async () => {
    const { archive } = await freshArchive(engine);
    const refusal = await archive.importParsed(parsedSource('', { title: 'Empty', original: 'x' }), 'empty.txt').then(
      () => null,
      (error: unknown) => error,
    );
    expect(refusal).not.toBeNull();
    expect(failedOutcome(refusal)).toEqual(REFUSED);
    expect(await archive.count()).toBe(0);
  });
});

describe('the refusal', () => {
  it('reads the same in a local batch, and reads in French', () => {
    const { db } = tempArchive();
    const [outcome] = storeParsedFiles(db, [
      prepareFile(parsedSource('Some text.', { title: 'Kept' }), 'kept.txt'),
      prepareFile(parsedSource('', { title: 'Empty', original: 'x' }), 'empty.txt'),
    ]).slice(1);
    expect(outcome).toEqual(REFUSED);
    expect(catalogText('en', REFUSED.errorText)).toBe(REFUSED.error);
    expect(catalogText('fr', REFUSED.errorText)).toBe(
      'aucun texte\u00a0: seule une référence peut être enregistrée sans texte',
    );
  });
});
