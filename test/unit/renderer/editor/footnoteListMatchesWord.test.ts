import { $getRoot, $isElementNode } from 'lexical';
import { describe, expect, it } from 'vitest';
import { renderBriefDocx } from '../../../../main/export/docxExport';
import { $insertCitation, $insertExcerpt } from '../../../../renderer/editor/footnotedInsertion';
import { $numberedFootnotes } from '../../../../renderer/editor/numberedFootnotes';
import { footnoteFacts, type SerializedBriefState } from '../../../../shared/briefDocument';
import { BUILTIN_CITATION_STYLES } from '../../../../shared/csl/citationStyles';
import { footnoteTexts, xmlParts } from '../../export/docxKit';
import { citation, headlessNote, quotation } from './headlessNote';

// What the archive says of the cited sources: source 1 is paginated and graded B2, source 2
// graded A1, source 3 neither.
const FACTS = [
  { sourceId: 1, pageStarts: [0, 400], grade: 'B2' },
  { sourceId: 2, pageStarts: null, grade: 'A1' },
  { sourceId: 3, pageStarts: null, grade: null },
];

describe('the editor’s footnote list and the Word file’s footnotes', () => {
  // Quotation, citation, a second quotation of source 1 (its short note), a third source.
  const note = headlessNote(['Purpose of the note.', 'Background to it.']);
  note.change(() => {
    const [first, second] = $getRoot().getChildren().filter($isElementNode);
    first!.selectEnd();
    $insertExcerpt(quotation(1));
    $insertCitation(citation(2));
    second!.selectEnd();
    $insertExcerpt(quotation(1));
    $insertExcerpt(quotation(3));
  });
  const content = note.editor.getEditorState().toJSON() as unknown as SerializedBriefState;

  for (const style of BUILTIN_CITATION_STYLES) {
    for (const language of ['en', 'fr'] as const) {
      for (const withGrades of [false, true]) {
        it(`are the same strings: ${style.id}, ${language}, ${withGrades ? 'with' : 'without'} grades`, async () => {
          const facts = footnoteFacts(FACTS, withGrades);
          const format = { style: style.id, language };
          const listed = note.read(() => $numberedFootnotes(facts, format)).map((footnote) => footnote.text);
          const bytes = await renderBriefDocx(
            { title: 'Note', content, classification: 'UNCLASSIFIED', language, citationStyle: style.id },
            { facts },
          );
          // Word's note is the number mark, a space, then the citation.
          const word = [...footnoteTexts(xmlParts(bytes)['word/footnotes.xml']!).values()].map((text) => text.slice(1));
          expect(word).toEqual(listed);
          expect(listed).toHaveLength(4);
          const graded = listed.filter((text) => / \[(B2|A1)\]$/.test(text));
          expect(graded).toHaveLength(withGrades ? 3 : 0);
          if (withGrades) expect(listed[0]).toMatch(/ \[B2\]$/);
        });
      }
    }
  }
});
