import type { MethodInput, MethodOutput, PrecisApi, Result } from '../../shared/contract';
import { CONTRACT_METHODS, type ContractMethod } from '../../shared/contractMethods';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in browser mode. */
    precis?: PrecisApi;
  }
}

function httpApi(): PrecisApi {
  const token = document.querySelector<HTMLMetaElement>('meta[name="precis-token"]')?.content ?? '';
  const call = async (method: ContractMethod, input: unknown): Promise<Result<unknown>> => {
    try {
      const response = await fetch(`api/${method}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Precis-Token': token },
        body: JSON.stringify(input ?? {}),
      });
      if (!response.ok) {
        return {
          ok: false,
          error: { code: 'unavailable', message: `Précis refused the request (HTTP ${response.status}).` },
        };
      }
      return (await response.json()) as Result<unknown>;
    } catch {
      return {
        ok: false,
        error: { code: 'unavailable', message: 'Précis is not running: restart it and reload this page.' },
      };
    }
  };
  return Object.fromEntries(CONTRACT_METHODS.map((m) => [m, (input: unknown) => call(m, input)])) as PrecisApi;
}

/** The contract as seen by the renderer: the preload bridge in Electron, HTTP in browser mode. */
export const api: PrecisApi = window.precis ?? httpApi();

export type { MethodInput, MethodOutput };
