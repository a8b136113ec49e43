import type { SerializedBriefState, SerializedNode } from '../../shared/briefDocument';
import { CITATION_NODE_TYPE } from '../../shared/citationNode';
import { EXCERPT_NODE_TYPE } from '../../shared/excerpt';
import { readTitleBlock, TITLE_BLOCK_NODE_TYPE, type TitleBlockFields } from '../../shared/titleBlock';

/** A piece of a previewed block: text, or a footnote reference with its number. */
export type PreviewPart = { text: string } | { footnote: number };

export interface SnapshotPreview {
  /** The briefing note's title block, when it has one. */
  titleBlock: TitleBlockFields | null;
  /** Each block of text in order, its quotations in quotation marks and footnotes numbered as the editor numbers them. */
  blocks: PreviewPart[][];
}

/** A saved brief drawn for a read-only preview without an editor. */
export function snapshotPreview(state: SerializedBriefState): SnapshotPreview {
  let titleBlock: TitleBlockFields | null = null;
  let footnotes = 0;
  const inline = (node: SerializedNode, parts: PreviewPart[]): void => {
    if (node.type === EXCERPT_NODE_TYPE || node.type === CITATION_NODE_TYPE) {
      if (typeof node.quote === 'string')
        parts.push({ text: node.display === 'block' ? node.quote : `“${node.quote}”` });
      parts.push({ footnote: ++footnotes });
      return;
    }
    if (typeof node.text === 'string') parts.push({ text: node.text });
    else if (node.type === 'linebreak') parts.push({ text: '\n' });
    for (const child of node.children ?? []) inline(child, parts);
  };
  const blocks: PreviewPart[][] = [];
  const visit = (node: SerializedNode) => {
    if (node.type === TITLE_BLOCK_NODE_TYPE) {
      titleBlock = readTitleBlock(node)?.fields ?? null;
      return;
    }
    if (node.type === 'root' || node.type === 'list') {
      for (const child of node.children ?? []) visit(child);
      return;
    }
    const parts: PreviewPart[] = [];
    inline(node, parts);
    if (parts.some((part) => 'footnote' in part || part.text.trim() !== '')) blocks.push(parts);
  };
  visit(state.root);
  return { titleBlock, blocks };
}
