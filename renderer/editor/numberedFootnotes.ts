import { $dfs } from '@lexical/utils';
import { type Footnote, type FootnoteSource, numberFootnotes } from '../../shared/briefDocument';
import { $isCitationNode } from './nodes/CitationNode';
import { $isExcerptNode } from './nodes/ExcerptNode';

export interface NumberedFootnote extends Footnote {
  nodeKey: string;
}

/**
 * The note's footnotes in document order, numbered by the shared numberFootnotes that the DOCX
 * exporter also uses, each with the key of its node. Call inside a read or an update.
 */
export function $numberedFootnotes(): NumberedFootnote[] {
  const keys: string[] = [];
  const sources: FootnoteSource[] = [];
  for (const { node } of $dfs()) {
    if ($isExcerptNode(node) || $isCitationNode(node)) {
      keys.push(node.getKey());
      sources.push(node.exportJSON());
    }
  }
  return numberFootnotes(sources).map((footnote, i) => ({ ...footnote, nodeKey: keys[i]! }));
}
