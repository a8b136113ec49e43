import type { IntlShape } from 'react-intl';
import type { MethodInput, MethodOutput, PrecisApi, Result } from '../../shared/contract';
import { CONTRACT_METHODS, type ContractMethod } from '../../shared/contractMethods';
import { currentIntl, localizeResult } from '../i18n/currentIntl';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in browser mode. */
    precis?: PrecisApi;
  }
}

const TOKEN_KEY = 'precis-token';

/**
 * Browser mode's access token. `precis serve` prints a URL carrying it as ?token=; the page takes
 * it from there once, keeps it in sessionStorage (this tab and this port only, so a reload still
 * works) and removes it from the address bar, so it is not left in history, bookmarks or a shared
 * screen. It never goes into a cookie: cookies ignore ports, and would reach any 127.0.0.1 server.
 */
function takeToken(): string {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl === null) return window.sessionStorage.getItem(TOKEN_KEY) ?? '';
  window.sessionStorage.setItem(TOKEN_KEY, fromUrl);
  url.searchParams.delete('token');
  window.history.replaceState(window.history.state, '', url.pathname + url.search + url.hash);
  return fromUrl;
}

/**
 * Where a call's error messages get their words: the interface's formatter when the answer comes
 * (`currentIntl`), or one known only later (the first requests wait for the archive's language).
 * It is asked only when a call fails.
 */
export type Wording = () => IntlShape | Promise<IntlShape>;

/** A failure the page names itself, having no answer from main. */
type PageFailure = { id: 'api.noToken' } | { id: 'api.refused'; values: { status: number } } | { id: 'api.notRunning' };

function httpCall(token: string) {
  return async (method: ContractMethod, input: unknown): Promise<Result<unknown> | PageFailure> => {
    try {
      const response = await fetch(`api/${method}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Precis-Token': token },
        body: JSON.stringify(input ?? {}),
      });
      if (response.status === 401) return { id: 'api.noToken' };
      if (!response.ok) return { id: 'api.refused', values: { status: response.status } };
      return (await response.json()) as Result<unknown>;
    } catch {
      return { id: 'api.notRunning' };
    }
  };
}

type RawCall = (method: ContractMethod, input: unknown) => Promise<Result<unknown> | PageFailure>;

function bridgeCall(bridge: PrecisApi): RawCall {
  const methods = bridge as unknown as Record<ContractMethod, (input: unknown) => Promise<Result<unknown>>>;
  return (method, input) => methods[method](input);
}

/** Electron's bridge, or browser mode's HTTP with the token taken once from the address. */
const rawCall: RawCall = window.precis ? bridgeCall(window.precis) : httpCall(takeToken());

/** The contract with main's errors (and the page's own) in the language `wording` gives (see localizeError). */
export function apiWorded(wording: Wording): PrecisApi {
  const call = async (method: ContractMethod, input: unknown): Promise<Result<unknown>> => {
    const answer = await rawCall(method, input);
    if ('ok' in answer && answer.ok) return answer;
    const intl = await wording();
    if ('ok' in answer) return localizeResult(answer, intl);
    const values = 'values' in answer ? answer.values : undefined;
    return { ok: false, error: { code: 'unavailable', message: intl.formatMessage({ id: answer.id }, values) } };
  };
  return Object.fromEntries(CONTRACT_METHODS.map((m) => [m, (input: unknown) => call(m, input)])) as PrecisApi;
}

/** The contract as seen by the renderer: the preload bridge in Electron, HTTP in browser mode. */
export const api: PrecisApi = apiWorded(currentIntl);

export type { MethodInput, MethodOutput };
