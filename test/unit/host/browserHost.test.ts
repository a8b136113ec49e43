import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Core, openCore } from '../../../main/core';
import { type BrowserHost, startBrowserHost } from '../../../main/host/browserHost';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function call(
  port: number,
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
) {
  return new Promise<Reply>((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path,
        method: options.method ?? 'GET',
        headers: { host: `127.0.0.1:${port}`, ...options.headers },
      },
      (res) => {
        let body = '';
        res.on('data', (chunk) => {
          body += chunk;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

describe('browser-mode host', () => {
  let dir: string;
  let core: Core;
  let host: BrowserHost;
  const token = 'test-token-0123456789';

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'precis-host-'));
    const renderer = join(dir, 'renderer');
    mkdirSync(join(renderer, 'assets'), { recursive: true });
    writeFileSync(
      join(renderer, 'index.html'),
      '<!doctype html><html><head><title>t</title></head><body></body></html>',
    );
    writeFileSync(join(renderer, 'assets', 'app.js'), 'console.log(1)');
    writeFileSync(join(dir, 'secret.txt'), 'outside the renderer');
    core = await openCore({
      dataDir: join(dir, 'data'),
      seedsDir: null,
      mode: 'browser',
      version: 'test',
      allowRepair: true,
    });
    host = await startBrowserHost({ handlers: core.handlers, rendererDir: renderer, port: 0, token });
  });
  afterAll(async () => {
    await host.close();
    core.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('prints a loopback URL carrying the token', () => {
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/?token=${token}`);
  });

  it('refuses requests without the token, or with a wrong one', async () => {
    expect((await call(host.port, '/')).status).toBe(401);
    expect((await call(host.port, '/?token=nope')).status).toBe(401);
    expect((await call(host.port, '/assets/app.js')).status).toBe(401);
  });

  it('serves the app with the token, injecting it for the renderer and setting security headers', async () => {
    const reply = await call(host.port, `/?token=${token}`);
    expect(reply.status).toBe(200);
    expect(reply.body).toContain(`<meta name="precis-token" content="${token}">`);
    expect(reply.headers['content-security-policy']).toContain("script-src 'self'");
    expect(reply.headers['x-content-type-options']).toBe('nosniff');
    expect(String(reply.headers['set-cookie'])).toContain('HttpOnly');
    const cookie = String(reply.headers['set-cookie']).split(';')[0]!;
    expect((await call(host.port, '/assets/app.js', { headers: { cookie } })).status).toBe(200);
  });

  it('refuses a foreign Host (DNS rebinding) and a foreign Origin even with the token', async () => {
    const rebound = await call(host.port, `/?token=${token}`, { headers: { host: `evil.example:${host.port}` } });
    expect(rebound.status).toBe(403);
    const foreign = await call(host.port, `/?token=${token}`, { headers: { origin: 'http://evil.example' } });
    expect(foreign.status).toBe(403);
    const localhost = await call(host.port, `/?token=${token}`, { headers: { host: `localhost:${host.port}` } });
    expect(localhost.status).toBe(200);
  });

  it('never serves a file outside the renderer folder', async () => {
    for (const path of [
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/..%5csecret.txt',
      '/%00',
    ]) {
      const reply = await call(host.port, `${path}${path.includes('?') ? '&' : '?'}token=${token}`);
      expect(reply.status, path).toBe(404);
      expect(reply.body).not.toContain('outside the renderer');
    }
  });

  it('answers contract calls only with the token header, and returns errors as values', async () => {
    const json = { 'content-type': 'application/json' };
    const viaCookieOnly = await call(host.port, `/api/appInfo?token=${token}`, {
      method: 'POST',
      headers: json,
      body: '{}',
    });
    expect(viaCookieOnly.status).toBe(403);
    const ok = await call(host.port, '/api/appInfo', {
      method: 'POST',
      headers: { ...json, 'x-precis-token': token },
      body: '{}',
    });
    expect(JSON.parse(ok.body)).toEqual({
      ok: true,
      value: { version: 'test', mode: 'browser', sourceCount: 0, notice: null },
    });
    const bad = await call(host.port, '/api/getSource', {
      method: 'POST',
      headers: { ...json, 'x-precis-token': token },
      body: '{"id":"1; DROP TABLE sources"}',
    });
    expect(JSON.parse(bad.body)).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    const unknown = await call(host.port, '/api/dropEverything', {
      method: 'POST',
      headers: { 'x-precis-token': token },
      body: '{}',
    });
    expect(JSON.parse(unknown.body)).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    const garbage = await call(host.port, '/api/search', {
      method: 'POST',
      headers: { 'x-precis-token': token },
      body: '{not json',
    });
    expect(JSON.parse(garbage.body)).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
  });
});
