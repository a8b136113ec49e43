import { DecoratorNode, type EditorConfig, type LexicalEditor, type LexicalNode, type NodeKey } from 'lexical';
import { EXCERPT_NODE_TYPE, EXCERPT_NODE_VERSION, readExcerpt, type SerializedExcerpt } from '../../../shared/excerpt';
import { createExcerptDOM, updateExcerptDOM } from './noteDom';

type ExcerptData = Omit<SerializedExcerpt, 'type' | 'version'>;

/**
 * A quotation from a source, carrying one footnote: inline (“…” in a sentence) or as the content
 * of a block quote. Its JSON is the versioned shape in shared/excerpt.ts, which the DOCX exporter
 * reads without a DOM; importJSON upgrades older versions.
 *
 * It stays a DecoratorNode (atomic inline, copied and undone whole) but draws itself as plain DOM,
 * with no React view: see noteDom.ts.
 */
export class ExcerptNode extends DecoratorNode<null> {
  __data: ExcerptData;

  static override getType(): string {
    return EXCERPT_NODE_TYPE;
  }

  static override clone(node: ExcerptNode): ExcerptNode {
    return new ExcerptNode(node.__data, node.__key);
  }

  static override importJSON(json: unknown): ExcerptNode {
    const excerpt = readExcerpt(json);
    if (!excerpt) throw new Error('This brief contains an excerpt Précis cannot read.');
    return $createExcerptNode(excerpt);
  }

  constructor(data: ExcerptData, key?: NodeKey) {
    super(key);
    this.__data = data;
  }

  override exportJSON(): SerializedExcerpt {
    return { type: EXCERPT_NODE_TYPE, version: EXCERPT_NODE_VERSION, ...this.getLatest().__data };
  }

  override createDOM(_config: EditorConfig, editor?: LexicalEditor): HTMLElement {
    return createExcerptDOM(this.__data, this.__key, editor);
  }

  override updateDOM(previous: ExcerptNode, dom: HTMLElement): false {
    // Patched in place, so the footnote number, any flag and an open quotation editor stay put.
    if (previous.__data !== this.__data) updateExcerptDOM(dom, previous.__data, this.__data);
    return false;
  }

  override isInline(): true {
    return true;
  }

  /** Arrows step over a quotation as over one character, never stopping to select it. */
  override isKeyboardSelectable(): false {
    return false;
  }

  override getTextContent(): string {
    const { quote, display } = this.getLatest().__data;
    return display === 'block' ? quote : `“${quote}”`;
  }

  getExcerpt(): SerializedExcerpt {
    return this.exportJSON();
  }

  /** Changes the quoted words (the integrity check then compares them with the source). */
  setQuote(quote: string): void {
    const writable = this.getWritable();
    writable.__data = { ...writable.__data, quote };
  }

  /** Null: no React portal (see noteDom.ts). */
  override decorate(): null {
    return null;
  }
}

export function $createExcerptNode(excerpt: SerializedExcerpt | ExcerptData): ExcerptNode {
  const { sourceId, quote, anchor, source, display } = excerpt;
  return new ExcerptNode({ sourceId, quote, anchor, source, display });
}

export function $isExcerptNode(node: LexicalNode | null | undefined): node is ExcerptNode {
  return node instanceof ExcerptNode;
}
