import type { Db } from '../../../main/archive/database';
import { getSource, insertSource } from '../../../main/archive/sources';
import { importPaths } from '../../../main/importers/importPaths';
import type { SerializedBriefState, SerializedNode } from '../../../shared/briefDocument';
import { citationOf } from '../../../shared/citationNode';
import { excerptOf } from '../../../shared/excerpt';
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
