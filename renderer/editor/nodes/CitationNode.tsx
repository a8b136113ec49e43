import { DecoratorNode, type LexicalNode, type NodeKey } from 'lexical';
import type { JSX } from 'react';
import {
  CITATION_NODE_TYPE,
  CITATION_NODE_VERSION,
  readCitation,
  type SerializedCitation,
} from '../../../shared/citationNode';
import { useNoteContext } from './noteContext';

type CitationData = Omit<SerializedCitation, 'type' | 'version'>;

/**
 * A footnote reference without a quotation: the analyst paraphrases and cites the source. Its
 * JSON shape is versioned in shared/citationNode.ts, which the DOCX exporter reads.
 */
export class CitationNode extends DecoratorNode<JSX.Element> {
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

  override createDOM(): HTMLElement {
    const span = document.createElement('span');
    span.className = 'citation';
    return span;
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

  override decorate(): JSX.Element {
    return <CitationView nodeKey={this.__key} data={this.__data} />;
  }
}

function CitationView({ nodeKey, data }: { nodeKey: string; data: CitationData }) {
  const { footnoteNumbers, showPassage } = useNoteContext();
  return (
    <button
      type="button"
      className="citation-ref"
      title={`Cited: ${data.source.outlet ?? data.source.title}`}
      onClick={() => showPassage(data.sourceId, data.anchor)}
    >
      <sup className="footnote-ref">{footnoteNumbers.get(nodeKey) ?? '·'}</sup>
    </button>
  );
}

export function $createCitationNode(data: CitationData | SerializedCitation): CitationNode {
  const { sourceId, source, anchor } = data;
  return new CitationNode({ sourceId, source, anchor });
}

export function $isCitationNode(node: LexicalNode | null | undefined): node is CitationNode {
  return node instanceof CitationNode;
}
