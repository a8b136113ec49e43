import { afterEach, describe, expect, it } from 'vitest';
import type { SourceArchive } from '../../../main/archive/sourceArchive';
import { SearchResponse } from '../../../shared/contract';
import { cleanUpTemp } from '../support/tempArchive';
import { archiveEnginesPerFile, importedId } from './support/engineArchive';
import { parsedSource } from './support/parsedSource';
import { ENGINES } from './support/teamFixture';

/**
 * Search snippets on both engines. The team engine no longer runs ts_headline over the whole body
 * (PG migration 70): it finds where the query's words first occur and marks the match in a window
 * of text around it, so what each hit costs no longer grows with the body's length. These cases
 * pin what a window could get wrong: a match far into a long text, a folded accent, a phrase
 * whose first word occurs alone earlier, a prefix, a word hidden inside longer words, a
 * title-only match, and words cut at the window's edges.
 */
afterEach(cleanUpTemp);
const freshArchive = archiveEnginesPerFile();

const snippetOf = async (archive: SourceArchive, query: string) => {
  const response = SearchResponse.parse(await archive.search({ query, limit: 20, offset: 0 }));
  expect(response.results).toHaveLength(1);
  const parts = response.results[0]!.snippet;
  return {
    // The local engine marks a cut with "…"; the team engine does not.
    text: parts
      .map((part) => part.text)
      .join('')
      .replaceAll('…', '')
      .trim(),
    marked: parts.filter((part) => part.match).map((part) => part.text.toLowerCase()),
  };
};

/** Distinct filler words (no near-duplicates between sources, no query word inside). */
const filler = (count: number, seed: string) =>
  Array.from({ length: count }, (_, k) => `${seed}${k.toString(36)}`).join(' ');

describe.each(ENGINES)('%s archive: snippets', (engine) => {
  it('marks a match that lies far into a long text', async () => {
    const { archive } = await freshArchive(engine);
    // About 180,000 characters before the one mention.
    const body = `${filler(20_000, 'qz')}. The lithium deposit was confirmed in March. ${filler(50, 'qy')}.`;
    await importedId(archive, parsedSource(body, { title: 'Mining report' }));
    const snippet = await snippetOf(archive, 'lithium');
    expect(snippet.marked).toEqual(['lithium']);
    // A boolean: a failure must not print 180,000 characters.
    expect(body.includes(snippet.text), snippet.text).toBe(true);
  });

  it('marks an accented word found without its accents', async () => {
    const { archive } = await freshArchive(engine);
    const body = `${filler(600, 'qx')}. La sécurité nationale reste une priorité. ${filler(40, 'qw')}.`;
    await importedId(archive, parsedSource(body, { title: 'Rapport', language: 'fr' }));
    const snippet = await snippetOf(archive, 'securite');
    expect(snippet.marked).toEqual(['sécurité']);
  });

  it('marks the phrase, not an earlier lone occurrence of its first word', async () => {
    const { archive } = await freshArchive(engine);
    const body = `Coastal ${filler(500, 'qv')}. Patrols along the coastal waters grew. ${filler(500, 'qu')}.`;
    await importedId(archive, parsedSource(body, { title: 'Patrol note' }));
    const snippet = await snippetOf(archive, '"coastal waters"');
    expect(snippet.marked.join(' ')).toBe('coastal waters');
    expect(snippet.text).toContain('along the coastal waters grew');
  });

  it('marks a phrase with a hyphenated word in the body, even when the title holds it too', async () => {
    const { archive } = await freshArchive(engine);
    const body = `${filler(500, 'qo')}. An intelligence-sharing pact was signed. ${filler(500, 'qn')}.`;
    await importedId(archive, parsedSource(body, { title: 'The intelligence-sharing pact' }));
    const snippet = await snippetOf(archive, '"intelligence-sharing pact"');
    expect(snippet.text).toContain('intelligence-sharing pact was signed');
    expect(snippet.marked.length).toBeGreaterThan(0);
  });

  it('marks a prefix match and not a word that merely contains the prefix', async () => {
    const { archive } = await freshArchive(engine);
    const body = `The ungoverned ${filler(500, 'qt')}. Provincial governments agreed. ${filler(500, 'qs')}.`;
    await importedId(archive, parsedSource(body, { title: 'Accord' }));
    const snippet = await snippetOf(archive, 'gov*');
    expect(snippet.marked).toEqual(['governments']);
  });

  it('marks a whole word, not the same letters inside a longer word seen first', async () => {
    const { archive } = await freshArchive(engine);
    const body = `Steps toward peace ${filler(500, 'qr')}. The war ended in May. ${filler(500, 'qp')}.`;
    await importedId(archive, parsedSource(body, { title: 'History' }));
    const snippet = await snippetOf(archive, 'war');
    expect(snippet.marked).toEqual(['war']);
    expect(snippet.text).toContain('The war ended');
  });

  it('shows whole words around the match, never a word cut in two', async () => {
    const { archive } = await freshArchive(engine);
    const words = Array.from({ length: 900 }, (_, k) => `alpha${k}beta`);
    words.splice(450, 0, 'uranium');
    await importedId(archive, parsedSource(`${words.join(' ')}.`, { title: 'Fuel' }));
    const snippet = await snippetOf(archive, 'uranium');
    expect(snippet.marked).toEqual(['uranium']);
    for (const word of snippet.text.split(/\s+/)) expect(word).toMatch(/^(alpha\d+beta\.?|uranium)$/);
  });
});
