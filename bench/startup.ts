/**
 * npm run bench:startup [-- --sizes 100000,1000000] [-- --runs 5] [-- --smoke]
 *
 * Start-up as the analyst meets it, each figure a whole process: `precis --help`, `precis search`
 * (node bin/precis.cjs, the `precis` that `npm link` puts on the PATH) and `npx precis --help`,
 * then `precis serve` from spawn to its printed address, to the first page (GET /), to the first
 * contract answer (appInfo) and to the first search answered, then the app's window as the analyst
 * opens it: serve spawned, its address loaded in a fresh Chromium context, until the search box takes
 * input and the first search's results are listed. Each size uses the archive bench's
 * cached archive (`npm run bench:archive -- --reuse --sizes N`, in <tmp>/precis-bench), copied once
 * into a data dir of its own beside it (the app migrates and writes what it opens; the cached
 * archive stays as the archive bench left it). An archive over COPY_MAX_BYTES (the 1M one, ~10 GB)
 * is not copied but linked (a symbolic link: SQLite keeps its -wal beside the real file, so the
 * archive bench may use it meanwhile), and only if it needs no migration: what runs then reads it
 * and records its clean close (the file's mtime). The first open (migration, full check) is
 * untimed; every timed run starts after a clean close. Each line gives the load average as it was
 * measured. Prints figures, asserts nothing.
 * --smoke: one fresh seeded data dir, two runs of each, no npx.
 */
import { spawn, spawnSync } from 'node:child_process';
import {
  constants,
  copyFileSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
  utimesSync,
} from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import type { Browser } from 'playwright-core';
import { LATEST_VERSION, MIGRATIONS, schemaVersion } from '../main/archive/migrations';
import { launchChromium, startHost } from '../test/support/browserSession';
import { describeCosts, recordCalls, type StartCall, timeCallsAlone } from './startCalls';

const ROOT = join(__dirname, '..', '..');
const LAUNCHER = join(ROOT, 'bin', 'precis.cjs');
const CACHE_DIR = join(tmpdir(), 'precis-bench');
const QUERY = 'government';
/** Larger cached archives are linked into the data dir, not copied. */
const COPY_MAX_BYTES = 2 * 1024 ** 3;

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '100000' },
    runs: { type: 'string', default: '7' },
    smoke: { type: 'boolean', default: false },
  },
});
const SMOKE = values.smoke ?? false;
const RUNS = SMOKE ? 2 : Number(values.runs);

const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
const ms = (value: number) => `${Math.round(value)} ms`;

// On a machine shared with other work, wall time includes waiting for a core; CPU time (user +
// system, from GNU time where installed) does not, so both are printed.
const GNU_TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;

interface ProcessTime {
  wall: number;
  cpu: number;
}

/** Wall and CPU time of one whole process, in ms; throws with its stderr when it fails. */
function timeProcess(command: string, args: string[]): ProcessTime {
  const [file, fileArgs] = GNU_TIME ? [GNU_TIME, ['-f', '@cpu %U %S', command, ...args]] : [command, args];
  const started = performance.now();
  const result = spawnSync(file, fileArgs, { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 24 });
  const wall = performance.now() - started;
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  const cpu = /@cpu ([\d.]+) ([\d.]+)/.exec(result.stderr);
  return { wall, cpu: cpu ? (Number(cpu[1]) + Number(cpu[2])) * 1000 : Number.NaN };
}

/** After one untimed run: the figure is the warm start an analyst meets, not the first after a build. */
function timeRuns(command: string, args: string[], runs = RUNS): string {
  timeProcess(command, args);
  const times = Array.from({ length: runs }, () => timeProcess(command, args));
  const wall = times.map((t) => t.wall);
  const cpu = GNU_TIME ? `, CPU p50 ${ms(median(times.map((t) => t.cpu)))}` : '';
  return `p50 ${ms(median(wall))}, min ${ms(Math.min(...wall))}${cpu} (load ${load()})`;
}

const load = () => loadavg()[0]!.toFixed(1);

/** The CLI's V8 code cache (main/cli/chunkLoader.ts), which a build empties. */
const CODE_CACHE = join(ROOT, 'dist', 'main', 'cli-chunks', 'code-cache');

/** A command's start with no code cache, as after a build (each run writes it again at exit). */
function timeUncached(args: string[]): string {
  const times = Array.from({ length: Math.min(RUNS, 3) }, () => {
    rmSync(CODE_CACHE, { recursive: true, force: true });
    return timeProcess(process.execPath, args);
  });
  const wall = times.map((t) => t.wall);
  const cpu = GNU_TIME ? `, CPU p50 ${ms(median(times.map((t) => t.cpu)))}` : '';
  return `p50 ${ms(median(wall))}${cpu} (load ${load()})`;
}

interface ServeTimes {
  listening: number;
  page: number;
  appInfo: number;
  search: number;
  /** CPU time serve had used when its first search was answered (Linux: /proc), ms. */
  cpu: number;
}

/** `precis serve` from spawn to its address, its first page, its first answer and first search. */
async function timeServe(dataDir: string): Promise<ServeTimes> {
  const started = performance.now();
  const child = spawn(process.execPath, [LAUNCHER, 'serve', '--port', '0', '--data-dir', dataDir], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  try {
    const url = await new Promise<URL>((resolve, reject) => {
      let stdout = '';
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        const match = /Open (http\S+)/.exec(stdout);
        if (match?.[1]) resolve(new URL(match[1]));
      });
      void exited.then((code) => reject(new Error(`serve exited ${code}: ${stderr}`)));
    });
    const listening = performance.now() - started;
    const page = await fetch(new URL('/', url));
    if (!page.ok) throw new Error(`GET / answered ${page.status}`);
    await page.text();
    const pageAt = performance.now() - started;
    const call = async (method: string, input: unknown) => {
      const response = await fetch(new URL(`/api/${method}`, url), {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-precis-token': url.searchParams.get('token') ?? '' },
        body: JSON.stringify(input),
      });
      const body = (await response.json()) as { ok: boolean; error?: { message: string } };
      if (!body.ok) throw new Error(`${method} failed: ${body.error?.message}`);
    };
    await call('appInfo', {});
    const appInfoAt = performance.now() - started;
    await call('search', { query: QUERY });
    const search = performance.now() - started;
    return { listening, page: pageAt, appInfo: appInfoAt, search, cpu: cpuOf(child.pid) };
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
}

/** User + system CPU time of a running process in ms, from /proc (NaN elsewhere). */
function cpuOf(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    // utime and stime, fields 14 and 15 of stat(5), in clock ticks (100 a second on Linux).
    return ((Number(fields[11]) + Number(fields[12])) / 100) * 1000;
  } catch {
    return Number.NaN;
  }
}

interface WindowTimes {
  /** Spawn to the search box taking input. */
  ready: number;
  /** Spawn to the first search's results listed. */
  results: number;
  /** The contract calls the window made until then, in order. */
  calls: StartCall[];
}

/**
 * The app as it starts in browser mode: `precis serve` spawned, its address loaded in a fresh
 * Chromium context (no cache, no storage), until the search box is editable and until the results
 * of a search typed into it are listed. Electron's window loads the same renderer from the same
 * main process, without the HTTP hop.
 */
async function timeWindow(browser: Browser, dataDir: string): Promise<WindowTimes> {
  const started = performance.now();
  const host = await startHost(dataDir);
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const calls = recordCalls(page);
    await page.goto(host.url);
    const search = page.getByRole('searchbox', { name: 'Search sources' });
    // fill waits until the box is visible, enabled and editable: the moment an analyst can type.
    await search.fill(QUERY);
    const ready = performance.now() - started;
    // A marked word: the list may hold the newest sources before any search, never with marks.
    await page.getByRole('list', { name: 'Search results' }).locator('mark').first().waitFor();
    return { ready, results: performance.now() - started, calls };
  } finally {
    await context.close();
    await host.stop();
  }
}

/** What each call the window made at start costs alone, on a serve of its own. */
async function costsOfCalls(dataDir: string, calls: readonly StartCall[]): Promise<string[]> {
  const host = await startHost(dataDir);
  try {
    return describeCosts(await timeCallsAlone(host, calls), calls);
  } finally {
    await host.stop();
  }
}

/** The newest cached archive of `count` sources the archive bench built, or null. */
function cachedArchive(count: number): string | null {
  if (!existsSync(CACHE_DIR)) return null;
  const versions = readdirSync(CACHE_DIR)
    .map((name) => new RegExp(`^archive-v(\\d+)-${count}\\.sqlite$`).exec(name))
    .filter((match): match is RegExpExecArray => match !== null)
    .sort((a, b) => Number(b[1]) - Number(a[1]));
  // The stats file is written once the build is complete: a half-built archive has none, or an
  // older one (it is being rebuilt).
  const complete = versions.find((match) => {
    const stats = join(CACHE_DIR, `${match[0]}.stats.json`);
    return existsSync(stats) && statSync(stats).mtimeMs >= statSync(join(CACHE_DIR, match[0])).mtimeMs;
  });
  return complete ? join(CACHE_DIR, complete[0]) : null;
}

/**
 * A data dir holding a copy of `archive`, made once and kept beside it while the archive is
 * unchanged. Archive bench caches up to v6 were built on the search branch before migrations
 * 70–100 merged: they say version 110 but lack those four (the 'PRCS' mark of 80 among them), so
 * the app would refuse them. The copy gets those migrations, as the app would have applied them.
 */
function dataDirFor(archive: string): string {
  const linked = statSync(archive).size > COPY_MAX_BYTES;
  // A linked archive's data dir is named without its mtime: every command that opens it writes to
  // it (and records the clean close that lets the next one skip the full check), so a name keyed by
  // the mtime would take a new data dir, and a full check of 10 GB, every run.
  const dir = linked
    ? join(CACHE_DIR, `startup-linked-${archive.split('/').pop()}`)
    : join(CACHE_DIR, `startup-${statSync(archive).mtimeMs.toFixed(0)}-${archive.split('/').pop()}`);
  const file = join(dir, 'archive.sqlite');
  if (existsSync(file)) return dir;
  for (const stale of readdirSync(CACHE_DIR).filter((name) => name.endsWith(archive.split('/').pop() ?? ''))) {
    if (stale.startsWith('startup-')) rmSync(join(CACHE_DIR, stale), { recursive: true, force: true });
  }
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (linked) {
    const cached = new Database(archive, { readonly: true });
    const version = schemaVersion(cached);
    cached.close();
    if (version !== LATEST_VERSION) {
      throw new Error(
        `${archive} is at schema ${version}, not ${LATEST_VERSION}: too big to copy, not to be migrated.`,
      );
    }
    process.stderr.write(`linking ${archive} into ${dir} (too big to copy)…\n`);
    symlinkSync(archive, file);
    return dir;
  }
  process.stderr.write(`copying ${archive} into ${dir}…\n`);
  copyFileSync(archive, `${file}.copying`, constants.COPYFILE_FICLONE);
  const db = new Database(`${file}.copying`);
  if (db.pragma('application_id', { simple: true }) === 0 && schemaVersion(db) >= 110) {
    for (const migration of MIGRATIONS.filter((m) => m.version >= 70 && m.version <= 100)) {
      db.transaction(() => migration.up(db))();
    }
  }
  db.close();
  renameSync(`${file}.copying`, file);
  return dir;
}

async function measure(label: string, dataDir: string): Promise<void> {
  // Setup: the first open migrates, checks the whole file, backs it up and records a clean close.
  // A linked archive is first opened by a read-only command: it checks and records the clean
  // close, and takes no backup (a serve would copy the whole file 10 s after start).
  const linked = lstatSync(join(dataDir, 'archive.sqlite'), { throwIfNoEntry: false })?.isSymbolicLink() ?? false;
  const firstStarted = performance.now();
  const first = linked ? timeProcess(process.execPath, [LAUNCHER, 'search', QUERY, '--data-dir', dataDir]) : null;
  const firstServe = await timeServe(dataDir);
  const setup = first
    ? `first precis search (full check of the file): ${ms(first.wall)}, CPU ${ms(first.cpu)}; then `
    : '';
  const search = timeRuns(process.execPath, [LAUNCHER, 'search', QUERY, '--data-dir', dataDir]);
  const uncached = timeUncached([LAUNCHER, 'search', QUERY, '--data-dir', dataDir]);
  const serves: ServeTimes[] = [];
  for (let i = 0; i < RUNS; i++) serves.push(await timeServe(dataDir));
  const of = (key: keyof ServeTimes) => median(serves.map((s) => s[key]));
  const browser = await launchChromium();
  const windows: WindowTimes[] = [];
  // A window that never lists results is a figure too (the wait's limit), not a reason to lose the others.
  let windowFailure = '';
  let startCalls: string[] = [];
  try {
    const { calls } = await timeWindow(browser, dataDir);
    for (let i = 0; i < RUNS; i++) windows.push(await timeWindow(browser, dataDir));
    startCalls = await costsOfCalls(dataDir, calls);
  } catch (error) {
    windowFailure = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
  } finally {
    await browser.close();
  }
  const window = (key: 'ready' | 'results') => ms(median(windows.map((w) => w[key])));
  console.log(`\n${label}`);
  console.log(
    `  ${setup}first serve of the copy (migration, check, backup): first search answered at ${ms(firstServe.search)} (${ms(performance.now() - firstStarted)} in all)`,
  );
  console.log(`  precis search ${QUERY} (whole process):   ${search}`);
  console.log(`  the same, first start after a build:      ${uncached}`);
  console.log(`  precis serve → address printed:           p50 ${ms(of('listening'))}`);
  console.log(`  precis serve → first page (GET /):        p50 ${ms(of('page'))}`);
  console.log(`  precis serve → first answer (appInfo):    p50 ${ms(of('appInfo'))}`);
  const cpu = Number.isNaN(of('cpu')) ? '' : `, CPU p50 ${ms(of('cpu'))}`;
  console.log(`  precis serve → first search answered:     p50 ${ms(of('search'))}${cpu} (load ${load()})`);
  if (windowFailure) {
    console.log(`  app window (Chromium): no search listed (${windowFailure}) (load ${load()})`);
  } else {
    console.log(`  app window (Chromium) → search box ready:  p50 ${window('ready')}`);
    console.log(`  app window → first results listed:         p50 ${window('results')} (load ${load()})`);
    console.log(`  the window's start calls, each alone over HTTP (load ${load()}):`);
    for (const line of startCalls) console.log(`    ${line}`);
  }
}

async function main(): Promise<void> {
  console.log(
    `Start-up, ${RUNS} runs each (after one untimed run); ${cpus().length} cores, load ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}, node ${process.version}`,
  );
  // Node's own start is the floor of every command: nothing of ours runs in it.
  console.log(`node -e 0 (the floor):                 ${timeRuns(process.execPath, ['-e', '0'])}`);
  console.log(`precis --help (node bin/precis.cjs):  ${timeRuns(process.execPath, [LAUNCHER, '--help'])}`);
  if (!SMOKE) {
    console.log(`npx precis --help:                     ${timeRuns('npx', ['--no-install', 'precis', '--help'], 3)}`);
  }
  const recoll = spawnSync('sh', ['-c', 'command -v recollq'], { encoding: 'utf8' }).stdout.trim();
  console.log(
    recoll ? `recollq: ${recoll} (not timed here)` : 'recollq: not installed (Debian recollcmd); no peer column',
  );

  if (SMOKE) {
    const dataDir = mkdtempSync(join(tmpdir(), 'precis-bench-startup-'));
    try {
      await measure('seeded data dir (smoke)', dataDir);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
    return;
  }
  for (const size of (values.sizes ?? '').split(',').map(Number)) {
    const archive = cachedArchive(size);
    if (!archive) {
      console.log(
        `\n${size.toLocaleString('en-CA')} sources: no cached archive; run npm run bench:archive -- --reuse --sizes ${size}`,
      );
      continue;
    }
    const mb = statSync(archive).size / 1024 / 1024;
    await measure(`${size.toLocaleString('en-CA')} sources (${Math.round(mb)} MB, ${archive})`, dataDirFor(archive));
    // The runs wrote to a linked archive: its stats are marked current again, as bench:archive does
    // after its own writes, or this bench and bench:editor would take it for one being rebuilt.
    if (mb * 1024 * 1024 > COPY_MAX_BYTES) utimesSync(`${archive}.stats.json`, new Date(), new Date());
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
