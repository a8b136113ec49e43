/**
 * node bench/run.mjs citations [--sources 40] [--excerpts 500] — how long citeproc takes to number and format the footnotes of a
 * 500-excerpt note (the editor's budget after a drop is < 50 ms): the first formatting (engine
 * built, every note formatted), then the renumbering after a new excerpt is dropped at the top
 * (notes cached), in each style and language. Figures, not assertions.
 */

import { parseArgs } from 'node:util';
import { numberFootnotes } from '../shared/briefDocument';
import { BUILTIN_CITATION_STYLES } from '../shared/csl/citationStyles';
import { EXCERPT_NODE_TYPE, EXCERPT_NODE_VERSION, type SerializedExcerpt } from '../shared/excerpt';

// --sources 5 --excerpts 2000 is the export benchmark's brief.
const { values } = parseArgs({ options: { sources: { type: 'string' }, excerpts: { type: 'string' } } });
const SOURCES = Number(values.sources ?? 40);
const EXCERPTS = Number(values.excerpts ?? 500);
const OUTLETS = ['The Globe and Mail', 'Le Devoir', 'Statistics Canada', 'Finance Canada', null];

function excerpt(i: number): SerializedExcerpt {
  const s = i % SOURCES;
  return {
    type: EXCERPT_NODE_TYPE,
    version: EXCERPT_NODE_VERSION,
    display: 'inline',
    sourceId: s + 1,
    quote: 'words',
    anchor: { exact: 'words', prefix: '', suffix: '', start: i * 100, end: i * 100 + 5 },
    source: {
      title: `Report number ${s} on housing starts and the rates that bite`,
      outlet: OUTLETS[s % OUTLETS.length] ?? null,
      author: s % 3 === 0 ? null : `Jane Doe${s}`,
      publishedAt: s % 7 === 0 ? null : `2025-0${(s % 9) + 1}-1${s % 10}`,
      url: `https://example.com/${s}`,
      issued: null,
    },
  };
}

const nodes = Array.from({ length: EXCERPTS }, (_, i) => excerpt(i));
// Paginated sources: a page every 1,000 characters, so most excerpts sit on their own page.
const pageStarts = new Map(
  Array.from({ length: SOURCES }, (_, s) => [s + 1, Array.from({ length: 60 }, (_, p) => p * 1000)]),
);
const time = (run: () => void): number => {
  const started = performance.now();
  run();
  return performance.now() - started;
};

for (const style of BUILTIN_CITATION_STYLES) {
  for (const language of ['en', 'fr'] as const) {
    const format = { style: style.id, language };
    const first = time(() => numberFootnotes(nodes, { pageStarts }, format));
    const dropped = [excerpt(EXCERPTS + 7), ...nodes];
    const drops: number[] = [];
    for (let round = 0; round < 20; round++) drops.push(time(() => numberFootnotes(dropped, { pageStarts }, format)));
    drops.sort((a, b) => a - b);
    console.log(
      `${style.id} ${language}: first format of ${EXCERPTS} notes ${first.toFixed(0)} ms; ` +
        `renumber after a drop p50 ${drops[10]!.toFixed(1)} ms, max ${drops[19]!.toFixed(1)} ms`,
    );
  }
}
