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

function httpApi(): PrecisApi {
  const token = takeToken();
  const call = async (method: ContractMethod, input: unknown): Promise<Result<unknown>> => {
    try {
      const response = await fetch(`api/${method}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Precis-Token': token },
        body: JSON.stringify(input ?? {}),
      });
      if (response.status === 401) {
        return {
          ok: false,
          error: {
            code: 'unavailable',
            message: currentIntl().formatMessage({ id: 'api.noToken' }),
          },
        };
      }
      if (!response.ok) {
        return {
          ok: false,
          error: {
            code: 'unavailable',
            message: currentIntl().formatMessage({ id: 'api.refused' }, { status: response.status }),
          },
        };
      }
      return localizeResult((await response.json()) as Result<unknown>);
    } catch {
      return {
        ok: false,
        error: { code: 'unavailable', message: currentIntl().formatMessage({ id: 'api.notRunning' }) },
      };
    }
  };
  return Object.fromEntries(CONTRACT_METHODS.map((m) => [m, (input: unknown) => call(m, input)])) as PrecisApi;
}

/** Electron's bridge, with main's errors in the interface language (see localizeError). */
function localizedBridge(bridge: PrecisApi): PrecisApi {
  const call = bridge as unknown as Record<ContractMethod, (input: unknown) => Promise<Result<unknown>>>;
  return Object.fromEntries(
    CONTRACT_METHODS.map((m) => [m, async (input: unknown) => localizeResult(await call[m](input))]),
  ) as PrecisApi;
}

/** The contract as seen by the renderer: the preload bridge in Electron, HTTP in browser mode. */
export const api: PrecisApi = window.precis ? localizedBridge(window.precis) : httpApi();

export type { MethodInput, MethodOutput };
