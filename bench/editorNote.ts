import { join } from 'node:path';
import { getSource, listSources } from '../main/archive/sources';
import { createBrief, saveBrief } from '../main/briefs/briefs';
import { openCore } from '../main/core';
import type { SerializedNode } from '../shared/briefDocument';
import { headingNode, paragraphNode, rootOf, textNode } from '../shared/briefTemplates';
import { excerptOf } from '../shared/excerpt';
import { ROOT } from '../test/support/browserSession';

const WORDS =
  'the minister will announce talks on an agreement to share military intelligence with allies in the region'.split(
    ' ',
  );

/** A realistic long note: 500 paragraphs of ~50 words, each quoting one sentence of a seed source. */
export async function generateNote(dataDir: string, paragraphs: number): Promise<number> {
  const core = await openCore({
    dataDir,
    seedsDir: join(ROOT, 'seeds'),
    mode: 'browser',
    version: 'bench',
    allowRepair: true,
  });
  const sources = listSources(core.db).map((s) => getSource(core.db, s.id)!);
  const children: SerializedNode[] = [];
  for (let i = 0; i < paragraphs; i++) {
    const source = sources[i % sources.length]!;
    const start = (i * 37) % Math.max(1, source.body.length - 200);
    const words = Array.from({ length: 50 }, (_, w) => WORDS[(i + w) % WORDS.length]).join(' ');
    if (i % 10 === 0) children.push(headingNode('h2', `Section ${i / 10 + 1}`));
    children.push(
      paragraphNode([textNode(`${words} `), excerptOf(source, start, start + 80, 'inline'), textNode(' and so on.')]),
    );
  }
  const content = rootOf(children);
  // A one-paragraph brief to switch from, for opening the long note from the briefs list.
  const short = createBrief(core.db, { template: 'blank', title: 'Short note' });
  const shortContent = rootOf(children.slice(1, 2));
  saveBrief(core.db, { id: short.id, baseRevision: short.revision, content: shortContent });
  const brief = createBrief(core.db, {
    template: 'blank',
    title: `Benchmark note (${paragraphs} paragraphs, ${paragraphs} excerpts)`,
  });
  saveBrief(core.db, { id: brief.id, baseRevision: brief.revision, content });
  core.close();
  return brief.id;
}
