import { $dfs } from '@lexical/utils';
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
  for (const { node } of $dfs()) {
    if ($isExcerptNode(node) || $isCitationNode(node)) {
      keys.push(node.getKey());
      sources.push(node.exportJSON());
    }
  }
  return numberFootnotes(sources, facts, format).map((footnote, i) => ({ ...footnote, nodeKey: keys[i]! }));
}
