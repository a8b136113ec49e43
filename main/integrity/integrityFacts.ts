import { gradeLabel } from '../../shared/citation';
import { creditedOutlets } from '../../shared/integrity/corroboration';
import type { IntegrityFact } from '../../shared/integrity/integritySchemas';
import type { SourceDetail } from '../../shared/source';
import type { Db } from '../archive/database';
import { getSource } from '../archive/sources';

/**
 * What the checks need of each cited source, as the archive says now (grades and markings change
 * after a source is quoted). A source since deleted is left out; `bodies` gets each found body,
 * for the quotation check, so a source is read once per check.
 */
export function readIntegrityFacts(db: Db, sourceIds: Iterable<number>, bodies?: Map<number, string>): IntegrityFact[] {
  const facts: IntegrityFact[] = [];
  for (const id of new Set(sourceIds)) {
    const source = getSource(db, id);
    if (!source) continue;
    bodies?.set(id, source.body);
    facts.push(integrityFactOf(source));
  }
  return facts;
}

export function integrityFactOf(source: SourceDetail): IntegrityFact {
  return {
    sourceId: source.id,
    title: source.title,
    outlet: source.outlet,
    author: source.author,
    publishedAt: source.publishedAt,
    clusterId: source.clusterId,
    credits: creditedOutlets(source.body),
    reliability: source.reliability,
    credibility: source.credibility,
    grade: gradeLabel(source.reliability, source.credibility),
    classification: source.classification,
    needsReview: source.needsReview,
  };
}
