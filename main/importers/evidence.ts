import { EVIDENCE_KINDS, type EvidenceKind, type MetadataField } from '../../shared/source';
import type { FoundEvidence } from '../archive/provenance';

interface Candidate {
  value: string;
  from: EvidenceKind;
  /** Among candidates of one kind, the lower comes first (an "Updated" line after a "Published" one). */
  order: number;
}

/**
 * The values a document offers for each field, with where each came from. The strongest kind
 * wins (shared/source.ts lists them strongest first); among equals, the first offered.
 */
export class Candidates {
  private readonly offered = new Map<MetadataField, Candidate[]>();

  offer(field: MetadataField, value: string | null | undefined, from: EvidenceKind, order = 0): void {
    const text = value?.trim();
    if (!text) return;
    const list = this.offered.get(field) ?? [];
    list.push({ value: text, from, order });
    this.offered.set(field, list);
  }

  best(field: MetadataField): Candidate | null {
    const list = this.offered.get(field) ?? [];
    let best: Candidate | null = null;
    for (const candidate of list) {
      if (!best || compare(candidate, best) < 0) best = candidate;
    }
    return best;
  }

  value(field: MetadataField): string | null {
    return this.best(field)?.value ?? null;
  }

  has(field: MetadataField, ...kinds: EvidenceKind[]): boolean {
    return (this.offered.get(field) ?? []).some((candidate) => kinds.includes(candidate.from));
  }

  /** Field → the kind of evidence of the value chosen. */
  provenance(): FoundEvidence {
    const result: FoundEvidence = {};
    for (const field of this.offered.keys()) {
      const best = this.best(field);
      if (best) result[field] = best.from;
    }
    return result;
  }
}

function compare(a: Candidate, b: Candidate): number {
  return EVIDENCE_KINDS.indexOf(a.from) - EVIDENCE_KINDS.indexOf(b.from) || a.order - b.order;
}
