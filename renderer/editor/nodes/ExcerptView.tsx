import { createContext, useContext } from 'react';
import type { CitationFields } from '../../../shared/source';

/** Footnote number of each excerpt node, by node key; kept current by FootnotesPlugin. */
export const FootnoteNumbersContext = createContext<ReadonlyMap<string, number>>(new Map());

export function ExcerptView({ nodeKey, quote, source }: { nodeKey: string; quote: string; source: CitationFields }) {
  const number = useContext(FootnoteNumbersContext).get(nodeKey);
  return (
    <span className="excerpt-quote" title={`Quoted from ${source.outlet ?? source.title}`}>
      “{quote}”<sup className="footnote-ref">{number ?? '·'}</sup>
    </span>
  );
}
