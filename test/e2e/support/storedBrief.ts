import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Db } from '../../../main/archive/database';
import { getSource, listSources } from '../../../main/archive/sources';
import { createBrief, saveBrief } from '../../../main/briefs/briefs';
import { openCore } from '../../../main/core';
import type { SerializedNode } from '../../../shared/briefDocument';
import { paragraphNode, rootOf, textNode } from '../../../shared/briefTemplates';
import { excerptOf } from '../../../shared/excerpt';
import type { SourceDetail } from '../../../shared/source';
import { ROOT } from '../../support/browserSession';

/**
 * A new data folder whose archive (the seed sources) holds a brief titled `title` with the
 * blocks `write` makes from those sources: the most recently edited brief, so the app opens it.
 */
export async function dataDirWithBrief(
  title: string,
  write: (sources: SourceDetail[]) => SerializedNode[],
): Promise<string> {
  const { dataDir } = await seededDataDir((db) => {
    const sources = listSources(db).map((s) => getSource(db, s.id)!);
    const content = rootOf(write(sources));
    const brief = createBrief(db, { template: 'blank', title });
    saveBrief(db, { id: brief.id, baseRevision: brief.revision, content });
  });
  return dataDir;
}

/** A new data folder holding the seed sources, then what `fill` writes into its archive (closed after). */
export async function seededDataDir<T>(fill: (db: Db) => T): Promise<{ dataDir: string; filled: T }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'precis-e2e-'));
  const core = await openCore({
    dataDir,
    seedsDir: join(ROOT, 'seeds'),
    mode: 'browser',
    version: 'test',
    allowRepair: true,
  });
  try {
    return { dataDir, filled: fill(core.db) };
  } finally {
    core.close();
  }
}

/** A brief "Long note" of `paragraphs` paragraphs, each words then a quotation: enough text nodes, and screens, that a walk of the note or a far footnote shows. */
export const longNoteDataDir = (paragraphs: number) =>
  dataDirWithBrief('Long note', (sources) =>
    Array.from({ length: paragraphs }, (_, i) =>
      paragraphNode([
        textNode(`Paragraph ${i + 1} says what the minister will announce `),
        excerptOf(sources[i % sources.length]!, 0, 60, 'inline'),
        textNode(' and so on.'),
      ]),
    ),
  );

/**
 * Counts, in `window.__nodeValueReads`, every read of a node's nodeValue from the page's first
 * script on: react-dom's walk of a contenteditable before a commit reads each text node's, so a
 * walk of the whole note shows as as many reads as the note has text nodes.
 */
export const COUNT_NODE_VALUE_READS = `(() => {
  const nodeValue = Object.getOwnPropertyDescriptor(Node.prototype, 'nodeValue');
  window.__nodeValueReads = 0;
  Object.defineProperty(Node.prototype, 'nodeValue', {
    ...nodeValue,
    get() {
      window.__nodeValueReads += 1;
      return nodeValue.get.call(this);
    },
  });
})()`;
