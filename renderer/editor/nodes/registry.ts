import { ListItemNode, ListNode } from '@lexical/list';
import { HeadingNode, QuoteNode } from '@lexical/rich-text';
import type { Klass, LexicalNode } from 'lexical';
import { CitationNode } from './CitationNode';
import { ExcerptNode } from './ExcerptNode';
import { TitleBlockNode } from './TitleBlockNode';

/** Every node type a brief may contain; the editor and any headless reader register exactly these. */
export const BRIEF_NODES: ReadonlyArray<Klass<LexicalNode>> = [
  HeadingNode,
  QuoteNode,
  ListNode,
  ListItemNode,
  ExcerptNode,
  CitationNode,
  TitleBlockNode,
];
