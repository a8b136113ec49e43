import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { mergeRegister } from '@lexical/utils';
import { useEffect, useMemo, useState } from 'react';
import { type FootnoteFacts, type FootnoteMemo, footnoteFacts } from '../../../shared/briefDocument';
import type { CitationFormat } from '../../../shared/citation';
import type { CitationFact } from '../../../shared/contract';
import { citationFormatter, hasCitationFormatter } from '../../../shared/csl/citationFormat';
import { api } from '../../api/client';
import { factListeners, knownFacts } from '../citationFacts';
import { loadCiteproc } from '../lazyCiteproc';
import { CitationNode } from '../nodes/CitationNode';
import { ExcerptNode } from '../nodes/ExcerptNode';
import { renderedState, writeFootnoteNumber } from '../nodes/noteDom';
import { noteWork } from '../noteWork';
import { $numberedFootnotes, type NumberedFootnote } from '../numberedFootnotes';

export type { NumberedFootnote };

// How long one renumbering may spend running citeproc; notes left over are filled in by the
// next pass, a moment later, so a brief opening cold never freezes the page for long.
const FORMAT_SLICE_MS = 25;

/**
 * Recomputes footnote numbers in document order after every change (move, cut, paste, undo…),
 * with the same shared function the DOCX exporter uses, in the brief's citation style and
 * language, so the note and the Word file agree. Each number is written straight into its node's
 * `sup` (only where it changed); the list of footnotes goes to `onChange` when any footnote's
 * place or text changed. `withGrades`: the export's "Admiralty grades" option, which the list
 * follows so that it shows what the Word file will carry.
 */
export function FootnotesPlugin({
  format,
  withGrades = false,
  onChange,
}: {
  format: CitationFormat;
  withGrades?: boolean;
  onChange: (footnotes: NumberedFootnote[]) => void;
}): null {
  const [editor] = useLexicalComposerContext();
  const [known, setKnown] = useState(() => new Map(knownFacts));
  // Declared before the numbering effect, so that switching grades on refetches the facts first:
  // a source may have been graded since they were read.
  useEffect(() => {
    if (withGrades) knownFacts.clear();
  }, [withGrades]);
  useEffect(() => {
    const refresh = () => setKnown(new Map(knownFacts));
    factListeners.add(refresh);
    return () => {
      factListeners.delete(refresh);
    };
  }, []);
  const facts = useMemo<FootnoteFacts>(() => factsOf(known, withGrades), [known, withGrades]);
  const { style, language } = format;
  // Kept across renumberings (and their effect's re-runs): see FootnoteMemo.
  const [memo] = useState<FootnoteMemo>(() => new WeakMap());
  useEffect(() => {
    let previous: NumberedFootnote[] = [];
    let live = true;
    let nextSlice: ReturnType<typeof setTimeout> | undefined;
    const { numbers } = renderedState(editor);
    const fetchMissingFacts = (footnotes: NumberedFootnote[]) => {
      const cited = footnotes.map((footnote) => footnote.node.sourceId);
      const missing = [...new Set(cited)].filter((id) => !knownFacts.has(id));
      if (missing.length === 0) return;
      for (const id of missing) knownFacts.set(id, null);
      void api.citationFacts({ sourceIds: missing }).then((result) => {
        if (!result.ok) {
          for (const id of missing) knownFacts.delete(id);
          return;
        }
        // A source saved while the request was out has its newer facts already.
        for (const fact of result.value) if (!knownFacts.get(fact.sourceId)) knownFacts.set(fact.sourceId, fact);
        if (live) setKnown(new Map(knownFacts));
      });
    };
    const recompute = () => {
      let footnotes: NumberedFootnote[] = [];
      // Building citeproc's engine takes a good part of a second on a cold page, and citeproc
      // itself is loaded only then (lazyCiteproc.ts): the first pass shows titles, and the engine
      // is built in the next.
      const deadline = hasCitationFormatter(style, language) ? performance.now() + FORMAT_SLICE_MS : 0;
      editor.getEditorState().read(() => {
        footnotes = $numberedFootnotes(facts, { style, language, deadline }, memo);
      });
      // Only the numbers that changed are written: a node's DOM shows the number it was drawn with
      // (createDOM reads `numbers`) or the last one written here, and `numbers` holds exactly those.
      const drawn = new Map(numbers);
      numbers.clear();
      for (const { nodeKey, number } of footnotes) {
        numbers.set(nodeKey, number);
        if (drawn.get(nodeKey) === number) continue;
        const dom = editor.getElementByKey(nodeKey);
        if (dom) writeFootnoteNumber(dom, number);
      }
      if (!sameFootnotes(previous, footnotes)) {
        previous = footnotes;
        onChange(footnotes);
      }
      fetchMissingFacts(footnotes);
      clearTimeout(nextSlice);
      const pending = footnotes.some((footnote) => footnote.pending);
      noteWork('footnotes', pending);
      if (pending) {
        nextSlice = setTimeout(() => {
          void loadCiteproc().then(() => {
            if (!live) return;
            citationFormatter(style, language);
            recompute();
          });
        }, 0);
      }
    };
    recompute();
    // Only changes to footnote-bearing nodes (created, destroyed, moved, edited — including by
    // undo, cut and paste) can change the numbering; typing elsewhere costs nothing here.
    const unregister = mergeRegister(
      editor.registerMutationListener(ExcerptNode, recompute, { skipInitialization: true }),
      editor.registerMutationListener(CitationNode, recompute, { skipInitialization: true }),
    );
    return () => {
      live = false;
      noteWork('footnotes', false);
      clearTimeout(nextSlice);
      unregister();
    };
  }, [editor, onChange, facts, style, language, memo]);
  return null;
}

/** Same places, numbers and texts: the list would show the same (compared without building a 2,000-part string). */
function sameFootnotes(a: readonly NumberedFootnote[], b: readonly NumberedFootnote[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x.nodeKey !== y.nodeKey || x.number !== y.number || x.text !== y.text) return false;
  }
  return true;
}

function factsOf(known: ReadonlyMap<number, CitationFact | null>, withGrades: boolean): FootnoteFacts {
  return footnoteFacts(
    [...known.values()].filter((fact): fact is CitationFact => fact !== null),
    withGrades,
  );
}
