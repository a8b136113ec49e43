import { $applyNodeReplacement, type EditorConfig, ElementNode, type LexicalNode, type NodeKey } from 'lexical';

/** The node type of a section in the editor's tree. Never in a saved note: see below. */
export const NOTE_SECTION_NODE_TYPE = 'note-section';

/** Rough height of one block before it is first drawn, as the note's blocks had (styles.css). */
const BLOCK_ESTIMATE_EM = 6;

/**
 * A run of the note's top-level blocks (about twenty: noteSections.ts keeps the sizes), drawn as one
 * `<div class="note-section">`. It exists for the browser: Chromium's work at every keystroke's
 * frame (layout of the editable root, its intersection observer for `content-visibility` blocks,
 * hit testing, paint) walks the root's children, and a 2,000-excerpt note had 2,200 of them
 * (docs/editor.md, "Sections"). Grouped, the root has ~100 and a skipped section skips twenty blocks.
 *
 * It is not part of the note: the editor groups a note into sections when it opens it, and every
 * path that reads the note out (saves, the integrity reading, word counts, spelling, places)
 * sees the blocks alone (noteSections.ts, `$noteBlocks`, `flatNote`). A saved note, and so the
 * exporter, the history and the brief check, never meets this node, and the note's JSON shape
 * (shared/briefDocument.ts) is unchanged. It is left out of the clipboard for the same reason.
 *
 * A shadow root, as Lexical calls a node that holds blocks the way the root does: a paragraph in
 * it is a top-level block to Lexical's own code (lists, block types, `getTopLevelElement`).
 * Lexical will not merge blocks across a shadow root by Backspace or Delete; noteSections.ts
 * moves the neighbouring block in first, so the keys do what they do everywhere else.
 */
export class NoteSectionNode extends ElementNode {
  static override getType(): string {
    return NOTE_SECTION_NODE_TYPE;
  }

  static override clone(node: NoteSectionNode): NoteSectionNode {
    return new NoteSectionNode(node.__key);
  }

  static override importJSON(): NoteSectionNode {
    return $createNoteSectionNode();
  }

  constructor(key?: NodeKey) {
    super(key);
  }

  override createDOM(_config: EditorConfig): HTMLElement {
    const element = document.createElement('div');
    element.className = 'note-section';
    this.sizeEstimate(element);
    return element;
  }

  override updateDOM(previous: NoteSectionNode, element: HTMLElement): boolean {
    if (previous.__size !== this.__size) this.sizeEstimate(element);
    return false;
  }

  /**
   * The height a section far from the screen takes until first drawn (the `auto` keeps the last
   * drawn height after that): by its count of blocks, so the scroll bar is about right at once.
   * Set through the CSSOM, which the app's CSP allows (an inline style attribute it would not).
   */
  private sizeEstimate(element: HTMLElement): void {
    element.style.containIntrinsicSize = `auto ${Math.max(1, this.__size) * BLOCK_ESTIMATE_EM}em`;
  }

  override isShadowRoot(): boolean {
    return true;
  }

  override canBeEmpty(): boolean {
    return false;
  }

  override canIndent(): boolean {
    return false;
  }

  /** Copied blocks go to the clipboard without their section (Lexical then lists the children). */
  override excludeFromCopy(): boolean {
    return true;
  }
}

export function $createNoteSectionNode(): NoteSectionNode {
  return $applyNodeReplacement(new NoteSectionNode());
}

export function $isNoteSectionNode(node: LexicalNode | null | undefined): node is NoteSectionNode {
  return node instanceof NoteSectionNode;
}
