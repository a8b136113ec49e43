import type { Page } from 'playwright-core';
import type { Host } from '../test/support/browserSession';

/**
 * The contract calls the app's window makes at start, for bench:startup: which ones (recorded from
 * the page's requests, with their payloads) and what each costs alone over HTTP. In the window the
 * host answers one call at a time, so a slow call delays every call behind it, the first search
 * included (docs/startup.md, stop 26: listNeedsReview at 3.66 s); timed alone, the one that grows
 * with the archive stands out.
 */

export interface StartCall {
  method: string;
  payload: string;
}

/** Records, in order, every contract call the page makes from now on. */
export function recordCalls(page: Page): StartCall[] {
  const calls: StartCall[] = [];
  page.on('request', (request) => {
    const method = /^\/api\/(\w+)$/.exec(new URL(request.url()).pathname)?.[1];
    if (method) calls.push({ method, payload: request.postData() ?? '{}' });
  });
  return calls;
}

export interface CallCost {
  method: string;
  /** Request sent to the whole answer read, ms. */
  ms: number;
  /** The answer's size, bytes. */
  bytes: number;
}

/** Each call alone, one after another, on a host that has answered once already; in the order given. */
export async function timeCallsAlone(host: Host, calls: readonly StartCall[]): Promise<CallCost[]> {
  const url = new URL(host.url);
  const token = url.searchParams.get('token') ?? '';
  const call = async ({ method, payload }: StartCall): Promise<CallCost> => {
    const started = performance.now();
    const response = await fetch(new URL(`/api/${method}`, url), {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-precis-token': token },
      body: payload,
    });
    const text = await response.text();
    return { method, ms: performance.now() - started, bytes: Buffer.byteLength(text) };
  };
  await call({ method: 'appInfo', payload: '{}' });
  const costs: CallCost[] = [];
  for (const each of calls) costs.push(await call(each));
  return costs;
}

/** One line per distinct call (method and payload), the first time it was made, its cost. */
export function describeCosts(costs: readonly CallCost[], calls: readonly StartCall[]): string[] {
  const seen = new Set<string>();
  return costs.flatMap((cost, i) => {
    const key = `${cost.method} ${calls[i]?.payload}`;
    if (seen.has(key)) return [];
    seen.add(key);
    const payload = calls[i]?.payload === '{}' ? '' : ` ${calls[i]?.payload.slice(0, 60)}`;
    return [`${cost.method}${payload}: ${Math.round(cost.ms)} ms, ${(cost.bytes / 1024).toFixed(1)} kB`];
  });
}
