import { describe, expect, it } from 'vitest';
import { compareText } from '../../../../renderer/history/compareText';
import { snapshotPreview } from '../../../../renderer/history/plainText';
import type { SerializedBriefState } from '../../../../shared/briefDocument';
import { CITATION_NODE_TYPE } from '../../../../shared/citationNode';
import { EXCERPT_NODE_TYPE } from '../../../../shared/excerpt';
import { titleBlockNode } from '../../../../shared/titleBlock';

describe('comparing a snapshot with the current note', () => {
  it('marks the words added and removed, and keeps the rest', () => {
    expect(compareText('Talks began in May.', 'Talks began in June, in Tokyo.')).toEqual([
      { kind: 'same', text: 'Talks began in ' },
      { kind: 'removed', text: 'May.' },
      { kind: 'added', text: 'June, in Tokyo.' },
    ]);
  });

  it('finds nothing changed in the same text', () => {
    expect(compareText('One.\nTwo.', 'One.\nTwo.')).toEqual([{ kind: 'same', text: 'One.\nTwo.' }]);
  });
});

describe('a snapshot preview', () => {
  it('holds the title block and numbers the footnotes in document order', () => {
    const paragraph = (...children: object[]) => ({ type: 'paragraph', version: 1, children });
    const text = (words: string) => ({ type: 'text', version: 1, text: words });
    // Only what the preview reads of the two footnoted nodes.
    const quotation = { type: EXCERPT_NODE_TYPE, version: 3, quote: 'Talks began.', display: 'inline' };
    const citation = { type: CITATION_NODE_TYPE, version: 1 };
    const state = {
      root: {
        type: 'root',
        version: 1,
        children: [
          titleBlockNode({ subject: 'Arctic radar data' }),
          paragraph(text('We note '), quotation, text(' and more.')),
          paragraph(text('Also'), citation),
        ],
      },
    } as unknown as SerializedBriefState;
    const preview = snapshotPreview(state);
    expect(preview.titleBlock?.subject).toBe('Arctic radar data');
    expect(preview.blocks).toEqual([
      [{ text: 'We note ' }, { text: '“Talks began.”' }, { footnote: 1 }, { text: ' and more.' }],
      [{ text: 'Also' }, { footnote: 2 }],
    ]);
  });
});
