import { $getRoot, $getSelection, $isElementNode, $isRangeSelection, $isTextNode, type LexicalNode } from 'lexical';
import { describe, expect, it } from 'vitest';
import { $insertCitation, $insertExcerpt, nearestWordBoundary } from '../../../../renderer/editor/footnotedInsertion';
import { $isCitationNode } from '../../../../renderer/editor/nodes/CitationNode';
import { $isExcerptNode } from '../../../../renderer/editor/nodes/ExcerptNode';
import { citation, headlessNote, quotation } from './headlessNote';

const SENTENCE = 'Officials said talks continue.';

/** Puts the caret in the first paragraph's text, `offset` characters in. */
function $caretAt(offset: number): void {
  const first = $getRoot().getFirstChild();
  const text = $isElementNode(first) ? first.getFirstChild() : null;
  if (!$isTextNode(text)) throw new Error('no text to put the caret in');
  text.select(offset, offset);
}

/** The first paragraph's children, as the note's JSON names them. */
const $shape = () => {
  const first = $getRoot().getFirstChild();
  return ($isElementNode(first) ? first.getChildren() : []).map((node: LexicalNode) =>
    $isTextNode(node) ? node.getTextContent() : node.getType(),
  );
};

describe('inserting an excerpt at a point (headless, the app’s nodes and insertion code)', () => {
  it('puts an inline quotation at the caret, spaced from the words either side', () => {
    const note = headlessNote([SENTENCE]);
    note.change(() => {
      $caretAt(SENTENCE.indexOf(' talks'));
      $insertExcerpt(quotation(1));
    });
    expect(note.read($shape)).toEqual(['Officials said ', 'precis-excerpt', ' talks continue.']);
    expect(note.blocks()).toEqual(['paragraph: Officials said “Words of source 1” talks continue.']);
    // The caret is after the quotation, where the analyst goes on typing.
    note.change(() => {
      const selection = $getSelection();
      if ($isRangeSelection(selection)) selection.insertText(',');
    });
    expect(note.blocks()).toEqual(['paragraph: Officials said “Words of source 1”, talks continue.']);
  });

  it('adds a space only where words would otherwise touch', () => {
    const atWord = headlessNote([SENTENCE]);
    atWord.change(() => {
      $caretAt(SENTENCE.indexOf('talks'));
      $insertExcerpt(quotation(1));
    });
    expect(atWord.blocks()).toEqual(['paragraph: Officials said “Words of source 1” talks continue.']);

    const afterOpening = headlessNote(['They said (today) it.']);
    afterOpening.change(() => {
      $caretAt('They said ('.length);
      $insertExcerpt(quotation(1));
    });
    expect(afterOpening.blocks()).toEqual(['paragraph: They said (“Words of source 1” today) it.']);
  });

  it('keeps the excerpt’s JSON exactly as the reader built it', () => {
    const note = headlessNote([SENTENCE]);
    const excerpt = quotation(3);
    note.change(() => {
      $caretAt(0);
      $insertExcerpt(excerpt);
    });
    expect(
      note.read(() => {
        const first = $getRoot().getFirstChild();
        const node = $isElementNode(first) ? first.getChildren().find($isExcerptNode) : undefined;
        return node?.exportJSON();
      }),
    ).toEqual(excerpt);
  });

  it('puts a block quotation after the caret’s paragraph and the caret in the one after it', () => {
    const note = headlessNote([SENTENCE, 'Next paragraph.']);
    note.change(() => {
      $caretAt(4);
      $insertExcerpt(quotation(1, 'block'));
    });
    expect(note.blocks()).toEqual([`paragraph: ${SENTENCE}`, 'quote: Words of source 1', 'paragraph: Next paragraph.']);
    note.change(() => {
      const selection = $getSelection();
      if ($isRangeSelection(selection)) selection.insertText('Then ');
    });
    expect(note.blocks()[2]).toBe('paragraph: Then Next paragraph.');

    // At the end of the note, a paragraph to go on in is added after the quotation.
    const last = headlessNote([SENTENCE]);
    last.change(() => {
      $caretAt(SENTENCE.length);
      $insertExcerpt(quotation(1, 'block'));
    });
    expect(last.blocks()).toEqual([`paragraph: ${SENTENCE}`, 'quote: Words of source 1', 'paragraph: ']);
  });

  it('goes at the end of the note when nothing is selected, and a citation follows its words directly', () => {
    const note = headlessNote(['First.', 'Second']);
    note.change(() => $insertExcerpt(quotation(1)));
    expect(note.blocks()).toEqual(['paragraph: First.', 'paragraph: Second “Words of source 1”']);

    const cited = headlessNote([SENTENCE]);
    cited.change(() => {
      $caretAt(SENTENCE.length - 1);
      $insertCitation(citation(2));
    });
    expect(
      cited.read(() => {
        const first = $getRoot().getFirstChild();
        return ($isElementNode(first) ? first.getChildren() : []).map((node) =>
          $isCitationNode(node) ? '[2]' : node.getTextContent(),
        );
      }),
    ).toEqual(['Officials said talks continue', '[2]', '.']);
  });

  it('moves a drop inside a word to the nearer end of it', () => {
    expect(nearestWordBoundary('intelligence sharing', 3)).toBe(0);
    expect(nearestWordBoundary('intelligence sharing', 10)).toBe(12);
    expect(nearestWordBoundary('intelligence sharing', 12)).toBe(12);
    expect(nearestWordBoundary('Canada’s allies', 5)).toBe(8);
  });
});
