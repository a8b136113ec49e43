import type { SerializedBriefState, SerializedNode } from './briefDocument';
import type { BriefBlocks } from './briefSchemas';

/**
 * The note a save of changed blocks stands for, given the content it was based on: each number is
 * the block at that place in `base`. Null when it names a block `base` does not have.
 */
export function noteFromBlocks(base: SerializedBriefState, blocks: BriefBlocks): SerializedBriefState | null {
  const stored = base.root.children ?? [];
  const children: SerializedNode[] = [];
  for (const block of blocks.root.children) {
    const node = typeof block === 'number' ? stored[block] : block;
    if (!node) return null;
    children.push(node);
  }
  return { root: { ...blocks.root, children } };
}
