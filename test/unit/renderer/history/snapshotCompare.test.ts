import { describe, expect, it } from 'vitest';
import { compareText } from '../../../../renderer/history/compareText';
import { snapshotPreview } from '../../../../renderer/history/plainText';
import type { SerializedBriefState } from '../../../../shared/briefDocument';
import { titleBlockNode } from '../../../../shared/titleBlock';
import { citation, quotation } from '../editor/headlessNote';

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
    const state = {
      root: {
        type: 'root',
        version: 1,
        children: [
          titleBlockNode({ subject: 'Arctic radar data' }),
          paragraph(text('We note '), quotation(1), text(' and more.')),
          paragraph(text('Also'), citation(2)),
        ],
      },
    } as unknown as SerializedBriefState;
    const preview = snapshotPreview(state);
    expect(preview.titleBlock?.subject).toBe('Arctic radar data');
    expect(preview.blocks).toEqual([
      [{ text: 'We note ' }, { text: `“${quotation(1).quote}”` }, { footnote: 1 }, { text: ' and more.' }],
      [{ text: 'Also' }, { footnote: 2 }],
    ]);
  });
});
