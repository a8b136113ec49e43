import { afterEach, describe, expect, it } from 'vitest';
import type { Db } from '../../../main/archive/database';
import { updateSource } from '../../../main/archive/sources';
import { readIntegrityFacts } from '../../../main/integrity/integrityFacts';
import { briefParagraphs } from '../../../shared/integrity/briefParagraphs';
import { creditedOutlets, paragraphSupport } from '../../../shared/integrity/corroboration';
import { cleanUpTemp, tempArchive } from '../support/tempArchive';
import { addText, noteOf, type Piece, seededArchive } from './integrityKit';

afterEach(cleanUpTemp);

/** Origins and flags of one Recommendation(s) paragraph citing `pieces`. */
function support(db: Db, pieces: Piece[], heading = 'Recommendation(s)') {
  const paragraphs = briefParagraphs(noteOf(db, [[heading, [['We should act.', ...pieces]]]]));
  const ids = paragraphs.flatMap((p) => p.uses.map((use) => use.sourceId));
  const facts = new Map(readIntegrityFacts(db, ids).map((fact) => [fact.sourceId, fact]));
  const [only] = paragraphSupport(paragraphs, facts);
  return { origins: only!.origins.length, flags: only!.flags, sources: only!.origins.map((o) => o.sourceIds) };
}

describe('independent origins per paragraph', () => {
  it('counts one La Presse story in two translations (000 + 001) as one origin, and flags it', async () => {
    const { db } = tempArchive();
    const seed = await seededArchive(db);
    const result = support(db, [{ cite: seed('000') }, { cite: seed('001') }]);
    expect(result.origins).toBe(1);
    expect(result.sources).toEqual([[seed('000'), seed('001')]]);
    expect(result.flags).toEqual(['single-origin']);
  });

  it('counts two different stories (000 + 004) as two origins, with no flag', async () => {
    const { db } = tempArchive();
    const seed = await seededArchive(db);
    const result = support(db, [{ cite: seed('000') }, { cite: seed('004') }]);
    expect(result.origins).toBe(2);
    expect(result.flags).toEqual([]);
  });

  it('counts a source that credits another cited outlet ("told La Presse") as that origin', async () => {
    const { db } = tempArchive();
    const presse = addText(db, 'Vers une entente', 'Ottawa et Séoul négocient une entente de partage.', 'La Presse');
    const wire = addText(
      db,
      'Talks on intelligence deal',
      'A government source told La Presse that Canada will open talks with Seoul this week.',
      'Wire Service',
    );
    const other = addText(db, 'Japan talks', 'Japan and Canada agreed to consult on a security agreement.', 'Kyodo');
    expect(creditedOutlets('explained to The Press a source; selon Le Devoir, rien')).toEqual([
      'la presse',
      'le devoir',
    ]);
    expect(support(db, [{ cite: presse }, { cite: wire }]).origins).toBe(1);
    expect(support(db, [{ cite: presse }, { cite: wire }, { cite: other }]).origins).toBe(2);
    // Crediting an outlet that the paragraph does not cite joins nothing.
    expect(support(db, [{ cite: wire }, { cite: other }]).origins).toBe(2);
  });

  it('flags a conclusion resting only on sources graded E/F or 5/6, not a Background paragraph', async () => {
    const { db } = tempArchive();
    const seed = await seededArchive(db);
    updateSource(db, seed('003'), { reliability: 'E', credibility: 2 });
    updateSource(db, seed('002'), { reliability: 'B', credibility: 6 });
    expect(support(db, [{ cite: seed('003') }, { cite: seed('002') }]).flags).toEqual(['low-grade']);
    expect(support(db, [{ cite: seed('003') }], 'Considerations').flags).toEqual(['single-origin', 'low-grade']);
    expect(support(db, [{ cite: seed('003') }], 'Background').flags).toEqual([]);
    updateSource(db, seed('002'), { reliability: 'B', credibility: 2 });
    expect(support(db, [{ cite: seed('003') }, { cite: seed('002') }]).flags).toEqual([]);
  });

  it('knows the sections of the English and French templates and numbers footnotes in document order', async () => {
    const { db } = tempArchive();
    const seed = await seededArchive(db);
    const note = noteOf(db, [
      ['Objet', [['Informer.']]],
      ['Contexte', [['Fait.', { cite: seed('002') }]]],
      ['Recommandation(s)', [['Agir.', { quote: seed('004'), words: 'as soon as possible' }, { cite: seed('000') }]]],
    ]);
    const paragraphs = briefParagraphs(note);
    expect(paragraphs.map((p) => p.section)).toEqual(['purpose', 'background', 'recommendations']);
    expect(paragraphs[2]!.uses.map((u) => [u.footnote, u.kind])).toEqual([
      [2, 'quotation'],
      [3, 'citation'],
    ]);
    expect(paragraphs[2]!.path).toEqual([5]);
    expect(paragraphs[2]!.text).toBe('Agir.“as soon as possible”');
  });
});
