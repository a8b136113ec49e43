/**
 * node bench/run.mjs crash [--kills N | --smoke] (npm run test:stress: 20 kills; --smoke: 1). Types continuously into a
 * note in browser mode and SIGKILLs the host 2–6 s in, N times on the same archive; after each
 * kill, checks `PRAGMA integrity_check` and that everything typed up to 1 s before the kill was
 * saved. Prints, per kill, the ms of typing lost and the integrity result; exits 1 on any failure.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchChromium } from '../test/support/browserSession';
import { type CrashResult, crashRound, restartCleanly } from './crashRound';

function parseKills(args: string[]): number {
  const at = args.indexOf('--kills');
  if (at === -1) return args.includes('--smoke') ? 1 : 10;
  const value = Number(args[at + 1]);
  if (!Number.isInteger(value) || value < 1) {
    console.error('Usage: node bench/run.mjs crash [--kills N | --smoke]');
    process.exit(2);
  }
  return value;
}

async function main(): Promise<void> {
  const kills = parseKills(process.argv.slice(2));
  const dataDir = mkdtempSync(join(tmpdir(), 'precis-bench-crash-'));
  const browser = await launchChromium();
  const results: CrashResult[] = [];
  try {
    console.log('kill  at (ms)  typed  saved  lost (ms)  integrity  kept ≥1 s before  start notice');
    for (let round = 1; round <= kills; round++) {
      const killAtMs = 2000 + Math.random() * 4000;
      const r = await crashRound({ dataDir, browser, round, killAtMs });
      results.push(r);
      console.log(
        `${String(round).padStart(4)}  ${String(r.killAfterMs).padStart(7)}  ${String(r.typedChars).padStart(5)}  ` +
          `${String(r.savedChars).padStart(5)}  ${String(r.lostMs).padStart(9)}  ${r.integrity.padEnd(9)}  ` +
          `${(r.keptUpToOneSecondBefore ? 'yes' : 'NO').padEnd(17)}  ${r.notice ?? '—'}`,
      );
    }
    const finalNotice = await restartCleanly(dataDir);
    const lost = results.map((r) => r.lostMs).sort((a, b) => a - b);
    const failures = results.filter((r) => r.integrity !== 'ok' || !r.keptUpToOneSecondBefore || r.notice);
    console.log(
      `\n${kills} kills: integrity ok ${results.filter((r) => r.integrity === 'ok').length}/${kills}; ` +
        `typing lost median ${lost[Math.floor(lost.length / 2)]} ms, max ${lost[lost.length - 1]} ms; ` +
        `restart after the last kill: ${finalNotice ?? 'no warning'}; failures: ${failures.length}`,
    );
    if (failures.length > 0 || finalNotice) process.exitCode = 1;
  } finally {
    await browser.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
