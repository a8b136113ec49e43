import { ListItemNode, ListNode } from '@lexical/list';
import { HeadingNode, QuoteNode } from '@lexical/rich-text';
import type { Klass, LexicalNode } from 'lexical';
import { CitationNode } from './CitationNode';
import { ExcerptNode } from './ExcerptNode';
import { NoteSectionNode } from './NoteSectionNode';
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

/**
 * The editor's nodes: a brief's, and the sections it groups a note's blocks in while editing
 * (NoteSectionNode.tsx), which no saved note holds, so headless readers of saved notes need not.
 */
export const EDITOR_NODES: ReadonlyArray<Klass<LexicalNode>> = [...BRIEF_NODES, NoteSectionNode];
