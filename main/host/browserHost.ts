import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile, realpath, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, sep } from 'node:path';
import type { Handlers } from '../../shared/contract';
import { dispatch } from '../dispatch';

/**
 * Browser mode: the renderer bundle and the contract's methods served over HTTP on loopback only.
 * Any local process or web page can reach 127.0.0.1, so every API call must carry this run's random
 * token in a header, and Host/Origin are checked so a DNS-rebound or foreign page is refused.
 *
 * The token is never put in a cookie (cookies ignore ports: any other server on 127.0.0.1 would
 * receive it) nor in the page: the page reads it once from the URL printed by `precis serve`,
 * keeps it in sessionStorage and removes it from the address bar (renderer/api/client.ts). The
 * static files hold no secret and are served to anyone who can reach the port.
 */

// 'wasm-unsafe-eval' lets the spelling worker compile Hunspell's WebAssembly (French notes); it
// allows no JavaScript eval. Workers come from our own files only.
export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self'; style-src 'self'; img-src 'self' data: blob:; font-src 'self'; " +
  "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const TOKEN_HEADER = 'x-precis-token';
const MAX_BODY_BYTES = 32 * 1024 * 1024;
const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

export interface BrowserHost {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

export interface BrowserHostOptions {
  handlers: Handlers;
  rendererDir: string;
  port?: number;
  /** Fixed token for tests; a fresh random one otherwise. */
  token?: string;
}

export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const rendererRoot = await realpath(options.rendererDir);
  let port = 0;
  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      console.error('[precis] browser host error:', error);
      if (!res.headersSent) send(res, 500, 'text/plain; charset=utf-8', 'Internal error');
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const allowedHosts = [`127.0.0.1:${port}`, `localhost:${port}`];
    if (!allowedHosts.includes(req.headers.host ?? '')) return send(res, 403, 'text/plain', 'Forbidden host');
    const origin = req.headers.origin;
    if (origin !== undefined && !allowedHosts.some((h) => origin === `http://${h}`)) {
      return send(res, 403, 'text/plain', 'Forbidden origin');
    }
    const path = decodedPath(req.url ?? '/');
    if (path === null) return send(res, 400, 'text/plain', 'Malformed URL');

    if (path.startsWith('/api/')) {
      // A header, which a cross-site form or image cannot set; never a cookie or the query.
      const presented = req.headers[TOKEN_HEADER];
      if (typeof presented !== 'string' || !sameSecret(presented, token)) {
        return send(res, 401, 'text/plain', 'Missing or wrong token: open the URL printed by `precis serve`.');
      }
      if (req.method !== 'POST') return send(res, 405, 'text/plain', 'API calls need POST');
      const payload = await readJsonBody(req);
      const result =
        payload === INVALID
          ? {
              ok: false,
              error: { code: 'invalid-input', message: 'The request body is not valid JSON or is too large.' },
            }
          : await dispatch(options.handlers, path.slice(5), payload);
      return send(res, 200, 'application/json; charset=utf-8', JSON.stringify(result));
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'text/plain', 'Method not allowed');
    const file = await resolveStatic(rendererRoot, path === '/' ? '/index.html' : path);
    if (!file) return send(res, 404, 'text/plain', 'Not found');
    // The build names every file under assets/ by a hash of its content, so a tab may keep it: a
    // new tab then reads the app's scripts from the browser's cache, and V8 its compiled code
    // (bench:editor's open in the same profile). The page and the API stay uncached.
    const cache = HASHED_ASSET.test(path) ? 'private, max-age=31536000, immutable' : 'no-store';
    return send(res, 200, MIME[extname(file)] ?? 'application/octet-stream', await readFile(file), cache);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A file the renderer build named by its content's hash (Vite's `assets/name-HASH.ext`). */
const HASHED_ASSET = /^\/assets\/[\w.-]+-[\w-]{8}\.[a-z]+$/;

function send(
  res: ServerResponse,
  status: number,
  type: string,
  body: string | Buffer,
  cache: 'no-store' | 'private, max-age=31536000, immutable' = 'no-store',
): void {
  res.writeHead(status, {
    'Content-Type': type,
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': cache,
    'Cross-Origin-Opener-Policy': 'same-origin',
  });
  res.end(body);
}

function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** The request's path, percent-decoded; null when the URL or its encoding is malformed. */
function decodedPath(rawUrl: string): string | null {
  try {
    // A fixed base: the Host header was checked above and must not steer the parse.
    return decodeURIComponent(new URL(rawUrl, 'http://127.0.0.1').pathname);
  } catch {
    return null;
  }
}

/** Maps a decoded URL path to a file inside the renderer folder, or null; never escapes the folder. */
async function resolveStatic(root: string, path: string): Promise<string | null> {
  if (path.includes('\0')) return null;
  try {
    const file = await realpath(join(root, path));
    return file.startsWith(root + sep) && (await stat(file)).isFile() ? file : null;
  } catch {
    return null;
  }
}

const INVALID = Symbol('invalid');
async function readJsonBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return INVALID;
    chunks.push(chunk as Buffer);
  }
  if (size === 0) return {};
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    return INVALID;
  }
}
