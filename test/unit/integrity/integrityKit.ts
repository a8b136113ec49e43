import type { Db } from '../../../main/archive/database';
import { getSource, insertSource, updateSource } from '../../../main/archive/sources';
import { createBrief, saveBrief } from '../../../main/briefs/briefs';
import { importPaths } from '../../../main/importers/importPaths';
import type { SerializedBriefState, SerializedNode } from '../../../shared/briefDocument';
import { citationOf } from '../../../shared/citationNode';
import { excerptOf } from '../../../shared/excerpt';
import type { Classification } from '../../../shared/source';
import { SEEDS_DIR } from '../support/tempArchive';

/** The seeds in a real archive; `seed('004')` is the id of seeds/004_….txt. */
export async function seededArchive(db: Db): Promise<(file: string) => number> {
  await importPaths(db, [SEEDS_DIR]);
  return (file) => {
    const row = db.prepare('SELECT id FROM sources WHERE substr(file_name, 1, 4) = ?').get(`${file}_`) as
      | { id: number }
      | undefined;
    if (!row) throw new Error(`no seed ${file}`);
    return row.id;
  };
}

/** What a paragraph holds: its words, a citation of a source (`{ cite: id }`) or a quotation (`{ quote: id, words }`). */
export type Piece = string | { cite: number } | { quote: number; words: string };

/** A brief's content: headings (h2) each followed by paragraphs, as the template writes them. */
export function noteOf(db: Db, sections: [heading: string, paragraphs: Piece[][]][]): SerializedBriefState {
  const children: SerializedNode[] = [];
  for (const [heading, paragraphs] of sections) {
    children.push({ type: 'heading', version: 1, tag: 'h2', children: [textNode(heading)] });
    for (const pieces of paragraphs)
      children.push({ type: 'paragraph', version: 1, children: pieces.map((p) => piece(db, p)) });
  }
  return { root: { type: 'root', version: 1, children } };
}

function piece(db: Db, p: Piece): SerializedNode {
  if (typeof p === 'string') return textNode(p);
  const id = 'cite' in p ? p.cite : p.quote;
  const source = getSource(db, id);
  if (!source) throw new Error(`no source ${id}`);
  if ('cite' in p) return citationOf(source, null) as unknown as SerializedNode;
  const start = source.body.indexOf(p.words);
  if (start < 0) throw new Error(`“${p.words}” is not in source ${id}`);
  return excerptOf(source, start, start + p.words.length, 'inline') as unknown as SerializedNode;
}

const textNode = (text: string): SerializedNode => ({ type: 'text', version: 1, format: 0, text });

/** A source of the given text (and outlet), dated, with no author: what the tests need of one. */
export function addText(db: Db, title: string, body: string, outlet: string | null = null): number {
  const inserted = insertSource(db, {
    title,
    outlet,
    author: null,
    publishedAt: '2023-04-12',
    url: null,
    language: 'en',
    body,
    original: body,
    fileName: null,
  });
  if (inserted.kind !== 'inserted') throw new Error(`${title} not inserted`);
  return inserted.id;
}

/**
 * A briefing note built from the seeds: Background with a sentence citing nothing, Current Status
 * quoting 004 (then altered), Considerations on 003 alone, Recommendation(s) on 000 + 001 (one
 * La Presse story in two translations), and 003 marked PROTECTED B in an UNCLASSIFIED brief.
 */
export async function seedsBrief(db: Db, classification: Classification = 'UNCLASSIFIED') {
  const seed = await seededArchive(db);
  updateSource(db, seed('003'), { classification: 'PROTECTED B' });
  const content = noteOf(db, [
    ['Purpose', [['To inform the Minister of talks on intelligence-sharing with South Korea.']]],
    ['Background', [['Canada is part of the Five Eyes alliance.']]],
    ['Current Status', [['Minister Joly said talks began. ', { quote: seed('004'), words: 'as soon as possible' }]]],
    ['Considerations', [['Experts welcome the pact.', { cite: seed('003') }]]],
    ['Recommendation(s)', [['That the Minister announce the talks.', { cite: seed('000') }, { cite: seed('001') }]]],
  ]);
  const excerpt = content.root.children![5]!.children![1]!;
  excerpt.quote = 'as late as possible';
  const brief = createBrief(db, { template: 'blank', title: 'Seeds brief' });
  saveBrief(db, { id: brief.id, baseRevision: brief.revision, classification, content });
  return { id: brief.id, seed };
}
