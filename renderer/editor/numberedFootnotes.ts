import { $getRoot, $isElementNode, isCurrentlyReadOnlyMode, type LexicalNode } from 'lexical';
import {
  type Footnote,
  type FootnoteFacts,
  type FootnoteMemo,
  type FootnoteSource,
  numberFootnotes,
} from '../../shared/briefDocument';
import type { CitationFormat } from '../../shared/citation';
import { $isCitationNode } from './nodes/CitationNode';
import { $isExcerptNode } from './nodes/ExcerptNode';

export interface NumberedFootnote extends Footnote {
  nodeKey: string;
}

// Each footnote node's JSON, by the node object: a node of a committed editor state is never
// changed (an edit clones it), so its JSON is made once, not at each renumbering (2,000 copies of
// an excerpt's data at 2,000 excerpts, in every insert's measured time). Inside an update, where a
// writable node may still change, nothing is kept.
const exported = new WeakMap<LexicalNode, FootnoteSource>();

/**
 * The note's footnotes in document order, numbered and formatted by the shared numberFootnotes
 * that the DOCX exporter also uses (in the brief's citation style and language, with the archive's
 * facts about each source), each with the key of its node. Call inside a read or an update; `memo`
 * (see FootnoteMemo) spares formatting again the footnotes whose inputs did not change.
 */
export function $numberedFootnotes(
  facts: FootnoteFacts = {},
  format: CitationFormat = {},
  memo?: FootnoteMemo,
): NumberedFootnote[] {
  const committed = isCurrentlyReadOnlyMode();
  const keys: string[] = [];
  const sources: FootnoteSource[] = [];
  // A plain walk of the children: @lexical/utils' $dfs goes through carets, and cost a 500-excerpt
  // note a fifth of a second on every renumbering (bench:editor --profile).
  const visit = (node: LexicalNode): void => {
    if ($isExcerptNode(node) || $isCitationNode(node)) {
      keys.push(node.getKey());
      let json = exported.get(node);
      if (!json) {
        json = node.exportJSON();
        if (committed) exported.set(node, json);
      }
      sources.push(json);
    } else if ($isElementNode(node)) for (const child of node.getChildren()) visit(child);
  };
  visit($getRoot());
  // Built field by field: an object spread of each footnote was a third of a renumbering's time.
  return numberFootnotes(sources, facts, format, memo).map(({ number, node, text, runs, pending }, i) =>
    pending
      ? { number, node, text, runs, pending, nodeKey: keys[i]! }
      : { number, node, text, runs, nodeKey: keys[i]! },
  );
}
