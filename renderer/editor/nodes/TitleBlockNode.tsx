import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { $getNodeByKey, DecoratorNode, type LexicalNode, type NodeKey } from 'lexical';
import type { JSX } from 'react';
import {
  classificationLabel,
  readTitleBlock,
  type SerializedTitleBlock,
  TITLE_BLOCK_NODE_TYPE,
  TITLE_BLOCK_NODE_VERSION,
  type TitleBlockFields,
  titleBlockLabels,
} from '../../../shared/titleBlock';
import { useNoteContext } from './noteContext';

/**
 * The For / From / Subject / Date / Classification / File number block at the top of a briefing
 * note. Its JSON is versioned in shared/titleBlock.ts; the classification line shows the brief's
 * own marking, which is set in the app bar, so the block and the page markings never disagree.
 */
export class TitleBlockNode extends DecoratorNode<JSX.Element> {
  __fields: TitleBlockFields;

  static override getType(): string {
    return TITLE_BLOCK_NODE_TYPE;
  }

  static override clone(node: TitleBlockNode): TitleBlockNode {
    return new TitleBlockNode(node.__fields, node.__key);
  }

  static override importJSON(json: unknown): TitleBlockNode {
    return new TitleBlockNode(
      readTitleBlock(json)?.fields ?? { for: '', from: '', subject: '', date: '', fileNumber: '' },
    );
  }

  constructor(fields: TitleBlockFields, key?: NodeKey) {
    super(key);
    this.__fields = fields;
  }

  override exportJSON(): SerializedTitleBlock {
    return { type: TITLE_BLOCK_NODE_TYPE, version: TITLE_BLOCK_NODE_VERSION, fields: this.getLatest().__fields };
  }

  override createDOM(): HTMLElement {
    const div = document.createElement('div');
    div.className = 'title-block';
    return div;
  }

  override updateDOM(): false {
    return false;
  }

  override isInline(): false {
    return false;
  }

  override getTextContent(): string {
    return '';
  }

  setField(name: keyof TitleBlockFields, value: string): void {
    const writable = this.getWritable();
    writable.__fields = { ...writable.__fields, [name]: value };
  }

  override decorate(): JSX.Element {
    return <TitleBlockView nodeKey={this.__key} fields={this.__fields} />;
  }
}

const FIELD_ORDER: (keyof TitleBlockFields)[] = ['for', 'from', 'subject', 'date'];

function TitleBlockView({ nodeKey, fields }: { nodeKey: string; fields: TitleBlockFields }) {
  const [editor] = useLexicalComposerContext();
  const { classification, language } = useNoteContext();
  const labels = titleBlockLabels(language);
  const set = (name: keyof TitleBlockFields, value: string) =>
    editor.update(() => {
      const node = $getNodeByKey(nodeKey);
      if (node instanceof TitleBlockNode) node.setField(name, value);
    });
  // A text area grown to its content, so a long Subject wraps instead of being cut; one line of
  // text all the same (Enter and pasted line breaks become spaces), as the exported table has.
  const input = (name: keyof TitleBlockFields) => (
    <textarea
      aria-label={labels[name]}
      rows={1}
      value={fields[name]}
      onKeyDown={(event) => {
        if (event.key === 'Enter') event.preventDefault();
      }}
      onChange={(event) => set(name, event.target.value.replace(/\s*\n\s*/g, ' '))}
    />
  );
  return (
    <table className="title-block-table">
      <tbody>
        {FIELD_ORDER.map((name) => (
          <tr key={name}>
            <th scope="row">{labels[name]}</th>
            <td>{input(name)}</td>
          </tr>
        ))}
        <tr>
          <th scope="row">{labels.classification}</th>
          <td>{classificationLabel(classification, language)}</td>
        </tr>
        <tr>
          <th scope="row">{labels.fileNumber}</th>
          <td>{input('fileNumber')}</td>
        </tr>
      </tbody>
    </table>
  );
}

export function $isTitleBlockNode(node: LexicalNode | null | undefined): node is TitleBlockNode {
  return node instanceof TitleBlockNode;
}
