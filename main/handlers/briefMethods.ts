import type { Handlers } from '../../shared/contract';
import type { ContractMethod } from '../../shared/contractMethods';

/**
 * The contract methods briefHandlers.ts implements, listed apart from it so that the core can
 * offer them before loading it: briefs bring the document model and citeproc, which `precis search`
 * and the app's first search never need (docs/startup.md).
 */
export const BRIEF_METHODS = [
  'listBriefs',
  'listTrash',
  'createBrief',
  'openFirstBrief',
  'getBrief',
  'saveBrief',
  'saveBriefBlocks',
  'renameBrief',
  'resolveBriefConflict',
  'duplicateBrief',
  'deleteBrief',
  'restoreBrief',
  'listSnapshots',
  'getSnapshot',
  'openSnapshotAsBrief',
  'takeSnapshot',
  'exportBrief',
  'setCitationStyle',
  'getWordTemplate',
  'setWordTemplate',
] as const satisfies readonly ContractMethod[];

export type BriefHandlers = Pick<Handlers, (typeof BRIEF_METHODS)[number]>;

/** The methods of integrityHandlers.ts, loaded on first call for the same reason: the check reads citations. */
export const INTEGRITY_METHODS = [
  'checkBrief',
  'integrityFacts',
  'nameVariants',
] as const satisfies readonly ContractMethod[];

/** Handlers for `methods` that load their module on the first call, once. */
export function loadedOnFirstCall<M extends ContractMethod>(
  methods: readonly M[],
  load: () => Promise<Pick<Handlers, M>>,
): Pick<Handlers, M> {
  let loading: Promise<Pick<Handlers, M>> | null = null;
  const handler = (method: M) => async (input: unknown) => {
    loading ??= load();
    const handlers = (await loading) as Record<M, (input: unknown) => unknown>;
    return handlers[method](input);
  };
  return Object.fromEntries(methods.map((method) => [method, handler(method)])) as unknown as Pick<Handlers, M>;
}
