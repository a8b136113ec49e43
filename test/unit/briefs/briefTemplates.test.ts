import { HeadingNode, QuoteNode } from '@lexical/rich-text';
import { createEditor, DecoratorNode, type LexicalNode, type NodeKey, type SerializedLexicalNode } from 'lexical';
import { describe, expect, it } from 'vitest';
import type { SerializedBriefState, SerializedNode } from '../../../shared/briefDocument';
import { briefTemplate } from '../../../shared/briefTemplates';
import { Brief } from '../../../shared/contract';
import {
  readTitleBlock,
  type SerializedTitleBlock,
  titleBlockLabels,
  titleBlockRows,
} from '../../../shared/titleBlock';

/**
 * The renderer's TitleBlockNode is not written yet; this is the least a Lexical node for the
 * shape in shared/titleBlock.ts must do, so Lexical itself can say whether the templates load.
 */
class TitleBlockStandIn extends DecoratorNode<null> {
  constructor(
    readonly block: SerializedTitleBlock,
    key?: NodeKey,
  ) {
    super(key);
  }
  static override getType(): string {
    return 'precis-title-block';
  }
  static override clone(node: TitleBlockStandIn): TitleBlockStandIn {
    return new TitleBlockStandIn(node.block, node.__key);
  }
  static override importJSON(json: SerializedLexicalNode): LexicalNode {
    const block = readTitleBlock(json);
    if (!block) throw new Error('unreadable title block');
    return new TitleBlockStandIn(block);
  }
  override exportJSON(): SerializedTitleBlock & SerializedLexicalNode {
    return this.block;
  }
  override decorate(): null {
    return null;
  }
}

/** Loads the state into a headless Lexical editor and returns what Lexical writes back. */
function throughLexical(state: SerializedBriefState): unknown {
  const editor = createEditor({
    nodes: [HeadingNode, QuoteNode, TitleBlockStandIn],
    onError: (error) => {
      throw error;
    },
  });
  return editor.parseEditorState(JSON.stringify(state)).toJSON();
}

const headings = (state: SerializedBriefState) =>
  (state.root.children ?? [])
    .filter((node) => node.type === 'heading')
    .map((node) => ({ tag: node.tag, text: (node.children as SerializedNode[])[0]?.text }));

/** The last two paragraphs' text: the "Prepared by / Approved by" sign-off. */
const signOff = (state: SerializedBriefState) =>
  (state.root.children ?? []).slice(-2).map((node) => (node.children as SerializedNode[])[0]?.text);

describe('brief templates', () => {
  it('give the English briefing note its title block and five h2 sections, each with an empty paragraph', () => {
    const template = briefTemplate('briefing-note-en', '2024-05-01');
    expect(template.title).toBe('Briefing note');
    expect(template.language).toBe('en');
    expect(headings(template.content)).toEqual(
      ['Purpose', 'Background', 'Current Status', 'Considerations', 'Recommendation(s)'].map((text) => ({
        tag: 'h2',
        text,
      })),
    );
    const types = (template.content.root.children ?? []).map((node) => node.type);
    expect(types).toEqual([
      'precis-title-block',
      ...Array(5).fill(['heading', 'paragraph']).flat(),
      'paragraph',
      'paragraph',
    ]);
    expect(signOff(template.content)).toEqual(['Prepared by: ', 'Approved by: ']);
    expect(readTitleBlock(template.content.root.children?.[0])).toEqual({
      type: 'precis-title-block',
      version: 1,
      fields: { for: '', from: '', subject: '', date: '2024-05-01', fileNumber: '' },
    });
  });

  it('give the French note its French headings and title', () => {
    const template = briefTemplate('briefing-note-fr', '2024-05-01');
    expect(template).toMatchObject({ title: 'Note de breffage', language: 'fr' });
    expect(headings(template.content).map((h) => h.text)).toEqual([
      'Objet',
      'Contexte',
      'Situation actuelle',
      'Considérations',
      'Recommandation(s)',
    ]);
    expect(signOff(template.content)).toEqual(['Préparé par\u00a0: ', 'Approuvé par\u00a0: ']);
  });

  it('give a blank note one empty paragraph', () => {
    const template = briefTemplate('blank', '2024-05-01');
    expect(template).toMatchObject({ title: 'Untitled brief', language: 'en' });
    expect(template.content.root.children).toEqual([
      {
        type: 'paragraph',
        version: 1,
        direction: null,
        format: '',
        indent: 0,
        textFormat: 0,
        textStyle: '',
        children: [],
      },
    ]);
  });

  it.each(['briefing-note-en', 'briefing-note-fr', 'blank'] as const)(
    '%s is exactly what Lexical 0.52 writes, and passes the contract’s Brief schema',
    (id) => {
      const { content } = briefTemplate(id, '2024-05-01');
      // Equal after a load and save through Lexical: nothing is missing, nothing is renamed.
      expect(throughLexical(content)).toEqual(content);
      const brief = {
        id: 1,
        title: 't',
        classification: 'UNCLASSIFIED',
        language: 'en',
        createdAt: 'c',
        updatedAt: 'u',
        deletedAt: null,
        revision: 1,
        content,
        citationStyle: 'chicago-fullnote-bibliography',
      };
      expect(Brief.parse(JSON.parse(JSON.stringify(brief)))).toEqual(brief);
    },
  );
});

describe('title block', () => {
  const fields = { for: 'The Minister', from: 'A. Analyst', subject: 'Radar', date: '2024-05-01', fileNumber: '42' };

  it('reads version 1, treating a missing line as empty, and refuses other shapes', () => {
    expect(readTitleBlock({ type: 'precis-title-block', version: 1, fields })?.fields).toEqual(fields);
    expect(readTitleBlock({ type: 'precis-title-block', version: 1, fields: { for: 'X' } })?.fields).toEqual({
      for: 'X',
      from: '',
      subject: '',
      date: '',
      fileNumber: '',
    });
    expect(readTitleBlock({ type: 'precis-title-block', version: 2, fields })).toBeNull();
    expect(readTitleBlock({ type: 'paragraph', version: 1, fields })).toBeNull();
    expect(readTitleBlock(null)).toBeNull();
  });

  it('labels its lines in the note’s language and shows the brief’s classification', () => {
    expect(titleBlockLabels('fr')).toEqual({
      for: 'Destinataire',
      from: 'Expéditeur',
      subject: 'Objet',
      date: 'Date',
      classification: 'Classification',
      fileNumber: 'Numéro de dossier',
    });
    expect(titleBlockRows(fields, 'PROTECTED B', 'en')).toEqual([
      { label: 'For', value: 'The Minister' },
      { label: 'From', value: 'A. Analyst' },
      { label: 'Subject', value: 'Radar' },
      { label: 'Date', value: 'May 1, 2024' },
      { label: 'Classification', value: 'PROTECTED B' },
      { label: 'File number', value: '42' },
    ]);
    const french = titleBlockRows({ ...fields, date: '2024-02-15' }, 'PROTECTED B', 'fr');
    expect(french.map((row) => row.value)).toEqual([
      'The Minister',
      'A. Analyst',
      'Radar',
      '15 février 2024',
      'PROTÉGÉ B',
      '42',
    ]);
    expect(titleBlockRows({ ...fields, date: '2024-05-01' }, 'TOP SECRET', 'fr')[3]!.value).toBe('1er mai 2024');
    expect(titleBlockRows({ ...fields, date: 'le 3 mai' }, 'UNCLASSIFIED', 'fr')[3]!.value).toBe('le 3 mai');
  });
});
