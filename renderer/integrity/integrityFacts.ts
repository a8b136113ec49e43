import type { IntegrityFact } from '../../shared/integrity/integritySchemas';
import type { SourceDetail } from '../../shared/source';
import { api } from '../api/client';

/**
 * The note's sources as the integrity marks need them (grade, marking, cluster, credited outlets),
 * fetched once each through the contract and kept for the session. Editing a source in the reader
 * replaces its facts (sourceChanged), and every mark in the note is redrawn from the new ones.
 */
const facts = new Map<number, IntegrityFact>();
const requested = new Set<number>();
const listeners = new Set<() => void>();
let version = 0;

const notify = () => {
  version++;
  for (const listener of listeners) listener();
};

export const integrityFacts = {
  get: (sourceId: number): IntegrityFact | undefined => facts.get(sourceId),
  /** Changes whenever any fact changes, for React's useSyncExternalStore. */
  version: () => version,
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  /** Fetches the facts of the sources not known yet; listeners hear when they arrive. */
  request(sourceIds: Iterable<number>): void {
    const missing = [...new Set(sourceIds)].filter((id) => !facts.has(id) && !requested.has(id));
    if (missing.length === 0) return;
    for (const id of missing) requested.add(id);
    void api.integrityFacts({ sourceIds: missing }).then((result) => {
      for (const id of missing) requested.delete(id);
      if (!result.ok) return;
      for (const fact of result.value) facts.set(fact.sourceId, fact);
      notify();
    });
  },
  /** A source edited in the reader: its grade or marking may have changed. */
  sourceChanged(source: SourceDetail): void {
    if (!facts.has(source.id)) return;
    facts.delete(source.id);
    integrityFacts.request([source.id]);
  },
};

/** The marks' words, in the interface language. */
export interface MarkLabels {
  graded: (grade: string) => string;
  ungraded: string;
  requires: (marking: string) => string;
}

/** The mark's text and accessible name: "B2" / "Graded B2"; a half-set grade shows its half. */
export function gradeMark(fact: IntegrityFact | undefined, labels: MarkLabels): { text: string; label: string } | null {
  if (!fact) return null;
  const grade = `${fact.reliability ?? ''}${fact.credibility ?? ''}`;
  return grade ? { text: grade, label: labels.graded(grade) } : { text: '–', label: labels.ungraded };
}
