import { contract, type Handlers, type Result } from '../shared/contract';
import { CONTRACT_METHODS, type ContractMethod } from '../shared/contractMethods';
import { UserError } from './errors';

export function isContractMethod(name: string): name is ContractMethod {
  return (CONTRACT_METHODS as readonly string[]).includes(name);
}

/** Where an unexpected exception goes: the log by default; the CLI shows its message as its one line. */
export type OnUnexpected = (method: string, error: unknown) => void;
const logUnexpected: OnUnexpected = (method, error) => console.error(`[precis] ${method} failed:`, error);

/**
 * The single entry point for contract calls, shared by the three doors (Electron IPC, the
 * browser-mode host, the CLI): validates the payload against the contract, runs the handler, and
 * turns every failure into an error value. Unexpected exceptions reach the caller as a generic
 * message; their details go to `onUnexpected` (the log).
 */
export async function dispatch(
  handlers: Handlers,
  method: string,
  payload: unknown,
  onUnexpected: OnUnexpected = logUnexpected,
): Promise<Result<unknown>> {
  if (!isContractMethod(method)) {
    return { ok: false, error: { code: 'invalid-input', message: `Unknown method "${method}".` } };
  }
  const parsed = contract[method].input.safeParse(payload ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? ` (${issue.path.join('.')})` : '';
    return {
      ok: false,
      error: {
        code: 'invalid-input',
        message: `Invalid request for ${method}${where}: ${issue?.message ?? 'rejected'}.`,
      },
    };
  }
  try {
    const handler = handlers[method] as (input: unknown) => unknown;
    return { ok: true, value: await handler(parsed.data) };
  } catch (error) {
    if (error instanceof UserError) return { ok: false, error: error.toAppError() };
    onUnexpected(method, error);
    return {
      ok: false,
      error: {
        code: 'internal',
        message: `${method} failed unexpectedly; the details are in the log. Nothing saved was lost.`,
      },
    };
  }
}
