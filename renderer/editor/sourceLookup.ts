import type { Result } from '../../shared/contract';
import type { SourceDetail } from '../../shared/source';
import { currentIntl } from '../i18n/currentIntl';

/**
 * What looking up a quotation's source found. "Deleted" only when the archive answered that it
 * has no such source; when the archive could not be asked, the quotation is neither right nor
 * wrong yet, and the analyst is told so rather than that a source is gone.
 */
export type SourceLookup =
  | { kind: 'found'; source: SourceDetail }
  | { kind: 'deleted' }
  | { kind: 'unreachable'; message: string };

export type LookUpSource = (sourceId: number) => Promise<SourceLookup>;

/**
 * Looks sources up through `getSource` (the contract's), each once: a source found is kept for
 * the session (its body, which excerpts are checked against, never changes). A failure is never
 * kept, so the next check asks again once the archive is back.
 */
export function createSourceLookup(getSource: (input: { id: number }) => Promise<Result<SourceDetail>>): LookUpSource {
  const found = new Map<number, SourceDetail>();
  const inFlight = new Map<number, Promise<SourceLookup>>();
  return (sourceId) => {
    const known = found.get(sourceId);
    if (known) return Promise.resolve({ kind: 'found', source: known });
    let pending = inFlight.get(sourceId);
    if (!pending) {
      pending = getSource({ id: sourceId }).then(
        (result): SourceLookup => {
          inFlight.delete(sourceId);
          if (result.ok) {
            found.set(sourceId, result.value);
            return { kind: 'found', source: result.value };
          }
          return result.error.code === 'not-found'
            ? { kind: 'deleted' }
            : { kind: 'unreachable', message: result.error.message };
        },
        (error: unknown): SourceLookup => {
          inFlight.delete(sourceId);
          return { kind: 'unreachable', message: error instanceof Error ? error.message : String(error) };
        },
      );
      inFlight.set(sourceId, pending);
    }
    return pending;
  };
}

/**
 * The bodies of the given sources for a check of the whole note (null for a deleted source), or
 * an error value if any could not be fetched: a check on part of the note would read as a pass.
 */
export async function sourceBodies(
  lookUp: LookUpSource,
  ids: Iterable<number>,
): Promise<Result<Map<number, string | null>>> {
  const unique = [...new Set(ids)];
  const lookups = await Promise.all(unique.map(lookUp));
  const bodies = new Map<number, string | null>();
  for (const [i, lookup] of lookups.entries()) {
    if (lookup.kind === 'unreachable') {
      const message = currentIntl().formatMessage({ id: 'quote.unreachable' }, { detail: lookup.message });
      return { ok: false, error: { code: 'unavailable', message } };
    }
    bodies.set(unique[i]!, lookup.kind === 'found' ? lookup.source.body : null);
  }
  return { ok: true, value: bodies };
}
