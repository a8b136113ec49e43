import { $getRoot, $isElementNode, type LexicalNode } from 'lexical';
import { type Footnote, type FootnoteFacts, type FootnoteSource, numberFootnotes } from '../../shared/briefDocument';
import type { CitationFormat } from '../../shared/citation';
import { $isCitationNode } from './nodes/CitationNode';
import { $isExcerptNode } from './nodes/ExcerptNode';

export interface NumberedFootnote extends Footnote {
  nodeKey: string;
}

/**
 * The note's footnotes in document order, numbered and formatted by the shared numberFootnotes
 * that the DOCX exporter also uses (in the brief's citation style and language, with the archive's
 * facts about each source), each with the key of its node. Call inside a read or an update.
 */
export function $numberedFootnotes(facts: FootnoteFacts = {}, format: CitationFormat = {}): NumberedFootnote[] {
  const keys: string[] = [];
  const sources: FootnoteSource[] = [];
  // A plain walk of the children: @lexical/utils' $dfs goes through carets, and cost a 500-excerpt
  // note a fifth of a second on every renumbering (bench:editor --profile).
  const visit = (node: LexicalNode): void => {
    if ($isExcerptNode(node) || $isCitationNode(node)) {
      keys.push(node.getKey());
      sources.push(node.exportJSON());
    } else if ($isElementNode(node)) for (const child of node.getChildren()) visit(child);
  };
  visit($getRoot());
  return numberFootnotes(sources, facts, format).map((footnote, i) => ({ ...footnote, nodeKey: keys[i]! }));
}
