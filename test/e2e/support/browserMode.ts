import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';

export const ROOT = join(__dirname, '..', '..', '..');
export const CHROMIUM = process.env.PRECIS_CHROMIUM ?? '/usr/bin/chromium';
// The closed network refuses Chromium's background connections; these flags keep it quiet.
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface BrowserMode {
  url: string;
  dataDir: string;
  host: ChildProcess;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** Messages the page logged as errors (CSP violations, exceptions). */
  pageErrors: string[];
  close(): Promise<void>;
}

/**
 * Starts `precis serve` as a real process on a fresh data dir (or the `dataDir` given, which must
 * not exist yet and is removed on close) and opens it in Chromium.
 */
export async function startBrowserMode(options: { dataDir?: string } = {}): Promise<BrowserMode> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'precis-e2e-'));
  const host = spawn(
    process.execPath,
    [join(ROOT, 'dist', 'main', 'cli.cjs'), 'serve', '--port', '0', '--data-dir', dataDir],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const url = await new Promise<string>((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`precis serve printed no URL:\n${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[0]);
      }
    };
    host.stdout?.on('data', onData);
    host.stderr?.on('data', onData);
    host.once('exit', (code) => reject(new Error(`precis serve exited with ${code}:\n${output}`)));
  });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1600, height: 1000 } });
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(message.text());
  });
  return {
    url,
    dataDir,
    host,
    browser,
    context,
    page,
    pageErrors,
    close: async () => {
      await browser.close();
      if (host.exitCode === null && host.signalCode === null) {
        const exited = new Promise((resolve) => host.once('exit', resolve));
        host.kill('SIGTERM');
        await exited;
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * One browser-mode app for the enclosing describe block: started and opened before its tests,
 * closed after them. The returned object is filled in by the time the first test runs.
 */
export function useBrowserMode(): BrowserMode {
  const app = {} as BrowserMode;
  beforeAll(async () => {
    Object.assign(app, await startBrowserMode());
    await app.page.goto(app.url);
  });
  afterAll(async () => {
    await app.close?.();
  });
  return app;
}
