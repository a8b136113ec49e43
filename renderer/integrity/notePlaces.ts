import { $getRoot, $isElementNode, type LexicalEditor, type LexicalNode } from 'lexical';
import { $noteBlocks } from '../editor/noteSections';

/**
 * The node at a path of child indexes from the root (as the brief check gives places, in the saved
 * note: its first index counts blocks, which the editor holds in sections), or null.
 */
export function $nodeAtPath(path: readonly number[]): LexicalNode | null {
  return $nodesAtPaths([path])[0] ?? null;
}

/**
 * The nodes at many paths, each parent's children listed once: walking a parent's children to
 * each index, for every paragraph of a 2,000-paragraph note, is quadratic.
 */
export function $nodesAtPaths(paths: readonly (readonly number[])[]): (LexicalNode | null)[] {
  const children = new Map<string, LexicalNode[]>([['root', $noteBlocks()]]);
  return paths.map((path) => {
    let node: LexicalNode | null = $getRoot();
    for (const index of path) {
      if (!$isElementNode(node)) return null;
      let list = children.get(node.getKey());
      if (!list) {
        list = node.getChildren();
        children.set(node.getKey(), list);
      }
      node = list[index] ?? null;
    }
    return node;
  });
}

/** The DOM of the block at `path`, or null when the note no longer has it. */
export function elementAtPath(editor: LexicalEditor, path: readonly number[]): HTMLElement | null {
  return editor.getEditorState().read(() => {
    const node = $nodeAtPath(path);
    return node ? editor.getElementByKey(node.getKey()) : null;
  });
}

/** Scrolls the block at `path` into view and puts the caret at its start. */
export function goToPlace(editor: LexicalEditor, path: readonly number[]): boolean {
  const element = elementAtPath(editor, path);
  if (!element) return false;
  element.scrollIntoView({ block: 'center' });
  editor.focus();
  editor.update(() => {
    const node = $nodeAtPath(path);
    if ($isElementNode(node)) node.selectStart();
  });
  return true;
}
