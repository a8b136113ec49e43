import type { MarkedSource } from '../../shared/integrity/classification';
import type { Classification } from '../../shared/source';

/** What the note's marking control shows: the marking its sources require and those it does not cover. */
export interface MarkingState {
  required: Classification;
  uncovered: MarkedSource[];
}

let state: MarkingState = { required: 'UNCLASSIFIED', uncovered: [] };
const listeners = new Set<() => void>();

/** Written by the note's IntegrityPlugin, read by the marking control (NoteHeader). */
export const noteMarking = {
  get: () => state,
  set(next: MarkingState): void {
    const same =
      next.required === state.required &&
      next.uncovered.map((s) => `${s.sourceId}:${s.classification}`).join() ===
        state.uncovered.map((s) => `${s.sourceId}:${s.classification}`).join();
    if (same) return;
    state = next;
    for (const listener of listeners) listener();
  },
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};
