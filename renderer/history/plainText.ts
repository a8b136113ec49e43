import type { SerializedBriefState, SerializedNode } from '../../shared/briefDocument';

/** The text of each block of a saved brief, for a read-only preview without an editor. */
export function plainTextOf(state: SerializedBriefState): string[] {
  const inline = (node: SerializedNode): string => {
    if (typeof node.text === 'string') return node.text;
    if (typeof node.quote === 'string') return `“${node.quote}”`;
    if (node.type === 'linebreak') return '\n';
    return (node.children ?? []).map(inline).join('');
  };
  const blocks: string[] = [];
  const visit = (node: SerializedNode) => {
    const children = node.children ?? [];
    const isBlockContainer = node.type === 'root' || node.type === 'list';
    if (isBlockContainer) children.forEach(visit);
    else blocks.push(inline(node));
  };
  visit(state.root);
  return blocks.filter((text) => text.trim() !== '');
}
