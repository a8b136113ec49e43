import { DecoratorNode, type LexicalNode, type NodeKey } from 'lexical';
import type { JSX } from 'react';
import { EXCERPT_NODE_TYPE, EXCERPT_NODE_VERSION, readExcerpt, type SerializedExcerpt } from '../../../shared/excerpt';
import { ExcerptView } from './ExcerptView';

type ExcerptData = Omit<SerializedExcerpt, 'type' | 'version'>;

/**
 * An inline quotation from a source, carrying one footnote. Its JSON is the versioned shape in
 * shared/excerpt.ts, which the DOCX exporter reads without a DOM.
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
    span.className = 'excerpt';
    return span;
  }

  override updateDOM(): false {
    return false;
  }

  override isInline(): true {
    return true;
  }

  override getTextContent(): string {
    return `“${this.__data.quote}”`;
  }

  getExcerpt(): SerializedExcerpt {
    return this.exportJSON();
  }

  override decorate(): JSX.Element {
    return <ExcerptView nodeKey={this.__key} quote={this.__data.quote} source={this.__data.source} />;
  }
}

export function $createExcerptNode(excerpt: SerializedExcerpt | ExcerptData): ExcerptNode {
  const { sourceId, quote, anchor, source } = excerpt;
  return new ExcerptNode({ sourceId, quote, anchor, source });
}

export function $isExcerptNode(node: LexicalNode | null | undefined): node is ExcerptNode {
  return node instanceof ExcerptNode;
}
