import { HeadingNode, QuoteNode } from '@lexical/rich-text';
import type { Klass, LexicalNode } from 'lexical';
import { ExcerptNode } from './ExcerptNode';

/** Every node type a brief may contain; the editor and any headless reader register exactly these. */
export const BRIEF_NODES: ReadonlyArray<Klass<LexicalNode>> = [HeadingNode, QuoteNode, ExcerptNode];
