import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
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
    writeFileSync(join(renderer, 'assets', 'mountApp-DbwVUwnc.js'), 'console.log(2)');
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

  it('lets the browser keep only the files the build named by their content hash', async () => {
    const hashed = await call(host.port, '/assets/mountApp-DbwVUwnc.js');
    expect(hashed.status).toBe(200);
    expect(hashed.headers['cache-control']).toBe('private, max-age=31536000, immutable');
    for (const path of ['/', '/index.html', '/assets/app.js', `/?token=${token}`]) {
      expect((await call(host.port, path)).headers['cache-control'], path).toBe('no-store');
    }
    const api = await call(host.port, '/api/listBriefs', {
      method: 'POST',
      headers: { 'x-precis-token': token, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(api.headers['cache-control']).toBe('no-store');
  });

  it('prints a loopback URL carrying the token', () => {
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/?token=${token}`);
  });

  it('serves the page and its assets without any secret, and never puts the token in the page or a cookie', async () => {
    for (const path of ['/', '/index.html', '/assets/app.js', `/?token=${token}`]) {
      const reply = await call(host.port, path);
      expect(reply.status, path).toBe(200);
      expect(reply.headers['set-cookie'], path).toBeUndefined();
      expect(reply.body, path).not.toContain(token);
    }
    const reply = await call(host.port, '/');
    expect(reply.headers['content-security-policy']).toContain("script-src 'self'");
    expect(reply.headers['x-content-type-options']).toBe('nosniff');
  });

  it('answers malformed percent-encoding with 400 and logs no stack trace', async () => {
    const logged: unknown[] = [];
    const spy = vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => logged.push(args));
    try {
      const api = await call(host.port, '/api/%E0%A4%A', {
        method: 'POST',
        headers: { 'x-precis-token': token, 'content-type': 'application/json' },
        body: '{}',
      });
      expect(api.status).toBe(400);
      for (const path of ['/%E0%A4%A', '/assets/%E0%A4%A.js', '/%']) {
        const reply = await call(host.port, path);
        expect(reply.status, path).toBe(400);
        expect(reply.body, path).not.toMatch(/\n\s+at /);
      }
    } finally {
      spy.mockRestore();
    }
    expect(logged).toEqual([]);
  });

  it('refuses a foreign Host (DNS rebinding) and a foreign Origin even with the token', async () => {
    const rebound = await call(host.port, `/?token=${token}`, { headers: { host: `evil.example:${host.port}` } });
    expect(rebound.status).toBe(403);
    const foreign = await call(host.port, `/?token=${token}`, { headers: { origin: 'http://evil.example' } });
    expect(foreign.status).toBe(403);
    const localhost = await call(host.port, '/', { headers: { host: `localhost:${host.port}` } });
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
      const reply = await call(host.port, path);
      expect(reply.status, path).toBe(404);
      expect(reply.body).not.toContain('outside the renderer');
    }
  });

  it('answers contract calls only with the token header, and returns errors as values', async () => {
    const json = { 'content-type': 'application/json' };
    const refusals: Record<string, string>[] = [
      json,
      { ...json, 'x-precis-token': 'nope' },
      { ...json, cookie: `precis_token_${host.port}=${token}` },
    ];
    for (const headers of refusals) {
      const refused = await call(host.port, '/api/appInfo', { method: 'POST', headers, body: '{}' });
      expect(refused.status, JSON.stringify(headers)).toBe(401);
    }
    const viaQuery = await call(host.port, `/api/appInfo?token=${token}`, {
      method: 'POST',
      headers: json,
      body: '{}',
    });
    expect(viaQuery.status).toBe(401);
    const viaGet = await call(host.port, '/api/appInfo', { headers: { 'x-precis-token': token } });
    expect(viaGet.status).toBe(405);
    const ok = await call(host.port, '/api/appInfo', {
      method: 'POST',
      headers: { ...json, 'x-precis-token': token },
      body: '{}',
    });
    expect(JSON.parse(ok.body)).toEqual({
      ok: true,
      value: { version: 'test', mode: 'browser', sourceCount: 0, notice: null, notices: [] },
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
