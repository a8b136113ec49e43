/**
 * Browser mode as the tests and the benchmarks drive it: the Chromium to use and its flags, a
 * `precis serve` host on a data dir, and both together. It imports no test framework, so the
 * benchmarks (bundled to CommonJS by bench/run.mjs) can use it; test/e2e/support/browserMode.ts
 * adds the vitest hooks.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';

/** The checkout's root, found upwards: this file runs from test/support/ and, bundled, from dist/bench/. */
function findRoot(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'precis')
      return dir;
    if (dirname(dir) === dir) throw new Error(`no precis checkout above ${start}`);
  }
}

export const ROOT = findRoot(__dirname);
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
  // Chromium 156's headless browser builds its omnibox popup (a WebUI page in a renderer of its own)
  // for every new window: about a second of CPU per tab, on the same two cores as the page under
  // test (bench:editor --trace showed it as a "WebUI Top Renderer"). The app never has one.
  '--disable-features=PreloadTopChromeWebUI,WebUIOmniboxPopup,WebUIOmniboxFullPopup,WebUIOmniboxAimPopup',
];

/** `extraArgs`: flags a test needs besides CHROMIUM_ARGS (e.g. accessibility on from the start). */
export function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_ARGS, ...extraArgs] });
}

export interface Host {
  /** The `http://127.0.0.1:PORT/?token=…` address it printed. */
  url: string;
  process: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Sends `signal` (SIGTERM by default) unless it has already exited, and waits for the exit. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/** Starts the built CLI's `precis serve --port 0` on `dataDir` and resolves once it prints its URL. */
export function startHost(dataDir: string, timeoutMs = 60_000): Promise<Host> {
  const child = spawn(
    process.execPath,
    [join(ROOT, 'dist', 'main', 'cli.cjs'), 'serve', '--port', '0', '--data-dir', dataDir],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  let err = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async (signal: NodeJS.Signals = 'SIGTERM'): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
  };
  return new Promise((resolve, reject) => {
    let timedOut = false;
    // Rejected from the exit handler, once the process is gone: a caller that then removes or
    // unmounts the data dir found it busy (fullDiskEditing's umount, under load).
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    const onData = (): void => {
      const match = /http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+/.exec(out);
      if (!match) return;
      clearTimeout(timer);
      resolve({ url: match[0], process: child, stdout: () => out, stderr: () => err, stop });
    };
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      onData();
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      err += chunk.toString();
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      const why = timedOut ? `printed no URL in ${timeoutMs} ms` : `exited with ${code}`;
      reject(new Error(`precis serve ${why}:\n${out}${err}`));
    });
  });
}

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

/** Starts `precis serve` as a real process on a fresh data dir and opens a page in Chromium (not yet at the URL). */
export async function startBrowserMode(
  options: { dataDir?: string; chromiumArgs?: string[] } = {},
): Promise<BrowserMode> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'precis-e2e-'));
  // A limit for a host that never starts, not a speed check: on a loaded machine (CI, or load 24
  // here) a fresh data dir's first start, seeds and all, took more than 30 s; hooks have 120 s.
  const host = await startHost(dataDir, 90_000).catch((error: unknown) => {
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  });
  const browser = await launchChromium(options.chromiumArgs).catch(async (error: unknown) => {
    await host.stop();
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  });
  const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1600, height: 1000 } });
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(message.text());
  });
  return {
    url: host.url,
    dataDir,
    host: host.process,
    browser,
    context,
    page,
    pageErrors,
    close: async () => {
      await browser.close();
      await host.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
