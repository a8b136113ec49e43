import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useBrowserMode } from './support/browserMode';

interface Seen {
  url: string;
  headers: IncomingHttpHeaders;
}

/** Another web server on 127.0.0.1 (a different port): it records what the browser sends it. */
async function startOtherServer(): Promise<{ port: number; seen: Seen[]; close: () => Promise<void> }> {
  const seen: Seen[] = [];
  const server = createServer((req, res) => {
    seen.push({ url: req.url ?? '', headers: req.headers });
    res.writeHead(200, { 'Content-Type': 'text/html' }).end('<!doctype html><title>other</title><p>other');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    seen,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('browser mode keeps its token to itself', () => {
  const app = useBrowserMode();
  let other: Awaited<ReturnType<typeof startOtherServer>>;
  beforeAll(async () => {
    other = await startOtherServer();
  });
  afterAll(() => other.close());

  it('takes the token from the URL once, sends it to no other server, and survives a reload', async () => {
    const { page, context } = app;
    const token = new URL(app.url).searchParams.get('token')!;
    const search = page.getByRole('searchbox', { name: 'Search sources' });
    const results = page.getByRole('list', { name: 'Search results' });
    const searchWorks = async () => {
      await search.fill('Five Eyes');
      await expect.poll(() => results.getByRole('listitem').count()).toBeGreaterThanOrEqual(1);
    };

    await searchWorks();
    await expect.poll(() => page.url()).not.toContain('token');
    expect(await context.cookies()).toEqual([]);

    const visitor = await context.newPage();
    await visitor.goto(`http://127.0.0.1:${other.port}/`);
    await visitor.evaluate(() => fetch('/probe', { credentials: 'include' }).then((r) => r.text()));
    await expect.poll(() => other.seen.length).toBeGreaterThanOrEqual(2);
    for (const request of other.seen) {
      expect(request.headers.cookie).toBeUndefined();
      expect(JSON.stringify(request)).not.toContain(token);
    }
    await visitor.close();

    await page.reload();
    await searchWorks();
    expect(page.url()).not.toContain('token');
    expect(await context.cookies()).toEqual([]);
  });
});
