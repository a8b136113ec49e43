/**
 * node bench/run.mjs importPipeline [-- --files 10000] [-- --smoke]
 *
 * The whole import pipeline on real files: writes N generated HTML pages (~3 KB of Brown-corpus
 * prose each, bench/corpus.ts, in a page with navigation and a footer; 2% are other editions of
 * an earlier page, for near-duplicate clustering) to a folder, then times
 * `node bin/precis.cjs import DIR` into a fresh data folder: files/s and the process's peak RSS
 * (GNU time's maximum resident set, worker threads included). Parsing runs in the parse pool's
 * workers (one per core beside the writer's), storing in the one writer; the exact-ranking index
 * is brought up to date before the command returns. When Debian's recollcmd is installed, Recoll indexes the same
 * folder (recollindex into a fresh configuration) for comparison; CI needs none of it.
 * Prints figures, asserts nothing. `--pages DIR` writes the pages to DIR and keeps them (or reuses
 * DIR's pages when it already holds some), so that two builds can be timed on the same files.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeHtmlPages } from './htmlPages';

const SMOKE = process.argv.includes('--smoke');
const filesArg = process.argv[process.argv.indexOf('--files') + 1];
const COUNT = SMOKE ? 40 : process.argv.includes('--files') && filesArg ? Number(filesArg) : 10_000;
const ROOT = join(__dirname, '..', '..');
const pagesArg = process.argv.includes('--pages') ? process.argv[process.argv.indexOf('--pages') + 1] : undefined;

/** Runs a command under GNU time: wall seconds, CPU seconds (user + system, every thread) and peak RSS in MB. */
function timed(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
): { seconds: number; cpuSeconds: number; peakMb: number; stdout: string } {
  const started = performance.now();
  const result = spawnSync('/usr/bin/time', ['-f', 'PEAK_KB %M CPU_S %U %S', command, ...args], {
    env,
    encoding: 'utf8',
    maxBuffer: 256 << 20,
  });
  const seconds = (performance.now() - started) / 1000;
  if (result.status !== 0) throw new Error(`${command} failed: ${result.stderr.slice(-2000)}`);
  const peak = /PEAK_KB (\d+) CPU_S ([\d.]+) ([\d.]+)/.exec(result.stderr);
  return {
    seconds,
    cpuSeconds: peak ? Number(peak[2]) + Number(peak[3]) : Number.NaN,
    peakMb: peak ? Number(peak[1]) / 1024 : Number.NaN,
    stdout: result.stdout,
  };
}

function row(t: { seconds: number; cpuSeconds: number; peakMb: number }): string {
  return (
    `${COUNT} | ${t.seconds.toFixed(1)} s | ${(COUNT / t.seconds).toFixed(0)} | ${t.cpuSeconds.toFixed(1)} s | ` +
    `${(COUNT / t.cpuSeconds).toFixed(0)} | ${t.peakMb.toFixed(0)} MB |`
  );
}

function hasCommand(name: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${name}`]).status === 0;
}

function main(): void {
  const work = mkdtempSync(join(tmpdir(), 'precis-import-bench-'));
  try {
    const pages = pagesArg ?? join(work, 'pages');
    if (!existsSync(pages) || readdirSync(pages).length === 0) {
      mkdirSync(pages, { recursive: true });
      process.stderr.write(`writing ${COUNT} HTML pages…\n`);
      writeHtmlPages(pages, COUNT);
    } else if (readdirSync(pages).length !== COUNT) {
      throw new Error(`${pages} holds ${readdirSync(pages).length} files, not ${COUNT}`);
    }
    process.stderr.write('importing with precis…\n');
    const precis = timed(process.execPath, [
      join(ROOT, 'bin', 'precis.cjs'),
      'import',
      '--data-dir',
      join(work, 'data'),
      pages,
    ]);
    // The command's own summary, so a run that stored less than it read cannot pass unnoticed.
    const summary = /\d+ imported.*$/m.exec(precis.stdout)?.[0] ?? 'no summary printed';
    const lines = [
      '',
      '### Import pipeline',
      '',
      `Machine: ${cpus().length} cores (${cpus()[0]?.model.trim() ?? 'unknown CPU'}), Node ${process.versions.node}, ` +
        `${new Date().toISOString().slice(0, 10)}; load average ${loadavg()
          .map((l) => l.toFixed(1))
          .join(', ')}. Command: \`node bench/run.mjs importPipeline --files ${COUNT}\`.`,
      '',
      '| engine | files | time | files/s | CPU (all threads) | files per CPU-second | peak RSS |',
      '| --- | --- | --- | --- | --- | --- | --- |',
      `| Précis (\`precis import DIR\`, clustering on, ranking index kept) | ${row(precis)}`,
    ];
    const notes = [`Précis said: ${summary}.`];
    if (hasCommand('recollindex')) {
      const config = join(work, 'recoll');
      mkdirSync(config);
      writeFileSync(join(config, 'recoll.conf'), `topdirs = ${pages}\n`);
      process.stderr.write('indexing with Recoll…\n');
      const recoll = timed('recollindex', ['-c', config, '-z']);
      lines.push(`| Recoll (\`recollindex -z\`) | ${row(recoll)}`);
    } else {
      notes.push('Recoll: not measured (install Debian recollcmd to compare).');
    }
    console.log([...lines, '', ...notes].join('\n'));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

main();
