import { DecoratorNode, type EditorConfig, type LexicalEditor, type LexicalNode, type NodeKey } from 'lexical';
import {
  CITATION_NODE_TYPE,
  CITATION_NODE_VERSION,
  readCitation,
  type SerializedCitation,
} from '../../../shared/citationNode';
import { createCitationDOM } from './noteDom';

type CitationData = Omit<SerializedCitation, 'type' | 'version'>;

/**
 * A footnote reference without a quotation: the analyst paraphrases and cites the source. Its
 * JSON shape is versioned in shared/citationNode.ts, which the DOCX exporter reads. It draws
 * itself as plain DOM, with no React view: see noteDom.ts.
 */
export class CitationNode extends DecoratorNode<null> {
  __data: CitationData;

  static override getType(): string {
    return CITATION_NODE_TYPE;
  }

  static override clone(node: CitationNode): CitationNode {
    return new CitationNode(node.__data, node.__key);
  }

  static override importJSON(json: unknown): CitationNode {
    const citation = readCitation(json);
    if (!citation) throw new Error('This brief contains a citation Précis cannot read.');
    return $createCitationNode(citation);
  }

  constructor(data: CitationData, key?: NodeKey) {
    super(key);
    this.__data = data;
  }

  override exportJSON(): SerializedCitation {
    return { type: CITATION_NODE_TYPE, version: CITATION_NODE_VERSION, ...this.getLatest().__data };
  }

  override createDOM(_config: EditorConfig, editor?: LexicalEditor): HTMLElement {
    return createCitationDOM(this.__data.source, this.__key, editor);
  }

  override updateDOM(): false {
    return false;
  }

  override isInline(): true {
    return true;
  }

  override getTextContent(): string {
    return '';
  }

  /** Null: no React portal (see noteDom.ts). */
  override decorate(): null {
    return null;
  }

  getCitation(): CitationData {
    return this.getLatest().__data;
  }
}

export function $createCitationNode(data: CitationData | SerializedCitation): CitationNode {
  const { sourceId, source, anchor } = data;
  return new CitationNode({ sourceId, source, anchor });
}

export function $isCitationNode(node: LexicalNode | null | undefined): node is CitationNode {
  return node instanceof CitationNode;
}
