import { DecoratorNode, type LexicalNode, type NodeKey } from 'lexical';
import type { JSX } from 'react';
import { EXCERPT_NODE_TYPE, EXCERPT_NODE_VERSION, readExcerpt, type SerializedExcerpt } from '../../../shared/excerpt';
import { ExcerptView } from './ExcerptView';

type ExcerptData = Omit<SerializedExcerpt, 'type' | 'version'>;

/**
 * A quotation from a source, carrying one footnote: inline (“…” in a sentence) or as the content
 * of a block quote. Its JSON is the versioned shape in shared/excerpt.ts, which the DOCX exporter
 * reads without a DOM; importJSON upgrades older versions.
 */
export class ExcerptNode extends DecoratorNode<JSX.Element> {
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

  override createDOM(): HTMLElement {
    const span = document.createElement('span');
    span.className = this.__data.display === 'block' ? 'excerpt excerpt-block' : 'excerpt';
    return span;
  }

  override updateDOM(previous: ExcerptNode): boolean {
    return previous.__data.display !== this.__data.display;
  }

  override isInline(): true {
    return true;
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

  override decorate(): JSX.Element {
    // Read the fields directly: decorate() runs outside an editor read, where getLatest() throws.
    const excerpt: SerializedExcerpt = { type: EXCERPT_NODE_TYPE, version: EXCERPT_NODE_VERSION, ...this.__data };
    return <ExcerptView nodeKey={this.__key} excerpt={excerpt} />;
  }
}

export function $createExcerptNode(excerpt: SerializedExcerpt | ExcerptData): ExcerptNode {
  const { sourceId, quote, anchor, source, display } = excerpt;
  return new ExcerptNode({ sourceId, quote, anchor, source, display });
}

export function $isExcerptNode(node: LexicalNode | null | undefined): node is ExcerptNode {
  return node instanceof ExcerptNode;
}
