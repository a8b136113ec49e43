import { type RefObject, useEffect, useLayoutEffect, useRef } from 'react';
import { selectBodyPoints } from './readerSelection';
import { type BodyPoints, selectionPoints } from './selectionOffsets';

/**
 * Keeps the analyst's selection in the reader across a redraw of its paragraphs' marks (new search
 * terms, a passage to show): React replaces the marked and unmarked runs, and the browser's
 * selection, anchored in the nodes it removed, collapses. The selection is remembered as offsets
 * into the body at every change, and put back by those offsets as soon as the redraw is in the
 * page, before the browser paints or anyone can quote. Only within the same source.
 */
export function useSelectionKeptAcrossRedraws(
  textRef: RefObject<HTMLDivElement | null>,
  sourceId: number | null,
  /** What redraws the marks: the search terms, the passage shown. */
  terms: readonly string[],
  passage: unknown,
): void {
  const kept = useRef<{ sourceId: number | null; points: BodyPoints } | null>(null);
  const source = useRef(sourceId);
  source.current = sourceId;

  useEffect(() => {
    const remember = () => {
      const container = textRef.current;
      const points = container ? selectionPoints(container) : null;
      kept.current = points ? { sourceId: source.current, points } : null;
    };
    document.addEventListener('selectionchange', remember);
    return () => document.removeEventListener('selectionchange', remember);
  }, [textRef]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: runs after each redraw of the marks, which terms and passage cause.
  useLayoutEffect(() => {
    const container = textRef.current;
    const was = kept.current;
    if (!container || !was || was.sourceId !== sourceId) return;
    const now = selectionPoints(container);
    // Only a selection the redraw moved, still in the reader: one the analyst took elsewhere stays there.
    if (now && (now.anchor !== was.points.anchor || now.focus !== was.points.focus)) {
      selectBodyPoints(container, was.points);
    }
  }, [textRef, sourceId, terms, passage]);
}
