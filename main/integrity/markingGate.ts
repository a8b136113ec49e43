import { collectFootnoteSources } from '../../shared/briefDocument';
import type { Brief } from '../../shared/briefSchemas';
import { classificationBreach, describeBreach, type MarkedSource } from '../../shared/integrity/classification';
import type { Classification } from '../../shared/source';
import { type Db, prepareCached } from '../archive/database';
import { UserError } from '../errors';

/**
 * Export's gate: a brief whose marking does not cover every source it cites is refused, by the
 * one export use case behind every door (UI, CLI, Electron). One query per cited source; the
 * markings are read now, as the analyst may have marked a source after citing it.
 */
export function assertMarkingCoversSources(db: Db, brief: Pick<Brief, 'classification' | 'content'>): void {
  const query = prepareCached(db, 'SELECT title, classification FROM sources WHERE id = ?');
  const sources: MarkedSource[] = [];
  for (const sourceId of new Set(collectFootnoteSources(brief.content).map((node) => node.sourceId))) {
    const row = query.get(sourceId) as { title: string; classification: Classification } | undefined;
    if (row) sources.push({ sourceId, title: row.title, classification: row.classification });
  }
  const breach = classificationBreach(brief.classification, sources);
  if (breach) {
    throw new UserError('below-marking', `Not exported: ${describeBreach(brief.classification, breach)}`, {
      required: breach.required,
    });
  }
}
