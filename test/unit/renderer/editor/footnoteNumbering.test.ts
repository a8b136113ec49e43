import { $getRoot, $isElementNode, type ElementNode } from 'lexical';
import { describe, expect, it } from 'vitest';
import { $insertCitation, $insertExcerpt } from '../../../../renderer/editor/footnotedInsertion';
import { $isExcerptNode } from '../../../../renderer/editor/nodes/ExcerptNode';
import { citation, headlessNote, quotation } from './headlessNote';

const paragraph = (index: number): ElementNode => {
  const block = $getRoot().getChildAtIndex(index);
  if (!$isElementNode(block)) throw new Error(`no block ${index}`);
  return block;
};

describe('footnote numbering in the editor (headless, the app’s nodes and numbering)', () => {
  it('numbers in document order through insert, move, delete, undo and redo', () => {
    const note = headlessNote(['Purpose of the note.', 'Background to it.']);
    const later = () => {
      note.clock.now += 1_000;
    };

    note.change(() => {
      paragraph(1).selectEnd();
      $insertExcerpt(quotation(1));
    });
    expect(note.footnotes()).toEqual(['1:1:full']);

    // A citation earlier in the note takes number 1; the quotation becomes 2.
    later();
    note.change(() => {
      paragraph(0).selectEnd();
      $insertCitation(citation(2));
    });
    expect(note.footnotes()).toEqual(['1:2:full', '2:1:full']);

    // The same source quoted again before its first footnote: the earlier one is now the full one.
    later();
    note.change(() => {
      paragraph(0).selectStart();
      $insertExcerpt(quotation(1));
    });
    expect(note.footnotes()).toEqual(['1:1:full', '2:2:full', '3:1:short']);

    // Move Background above Purpose.
    later();
    note.change(() => {
      paragraph(0).insertBefore(paragraph(1));
    });
    expect(note.blocks()[0]).toMatch(/^paragraph: Background to it\./);
    expect(note.footnotes()).toEqual(['1:1:full', '2:1:short', '3:2:full']);

    // Delete Background's quotation.
    later();
    note.change(() => {
      const excerpt = paragraph(0).getChildren().find($isExcerptNode);
      excerpt?.remove();
    });
    expect(note.footnotes()).toEqual(['1:1:full', '2:2:full']);

    note.undo();
    expect(note.footnotes()).toEqual(['1:1:full', '2:1:short', '3:2:full']);
    note.undo();
    expect(note.footnotes()).toEqual(['1:1:full', '2:2:full', '3:1:short']);
    note.undo();
    expect(note.footnotes()).toEqual(['1:2:full', '2:1:full']);
    note.redo();
    note.redo();
    expect(note.footnotes()).toEqual(['1:1:full', '2:1:short', '3:2:full']);
  });

  it('makes a quotation its own undo step, even straight after typing', () => {
    const note = headlessNote(['To note the talks']);
    note.change(() => paragraph(0).selectEnd());
    for (const char of '. Also') {
      note.clock.now += 50;
      note.change(() => {
        const selection = paragraph(0).selectEnd();
        selection.insertText(char);
      });
    }
    note.clock.now += 50;
    note.change(() => $insertExcerpt(quotation(1)));
    expect(note.footnotes()).toEqual(['1:1:full']);
    note.undo();
    expect(note.footnotes()).toEqual([]);
    expect(note.blocks()).toEqual(['paragraph: To note the talks. Also']);
  });
});
