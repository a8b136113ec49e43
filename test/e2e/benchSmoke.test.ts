import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import benchmarks from '../../bench/benchmarks.json';
import { ROOT } from '../support/browserSession';

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

// A limit for a hung script, not a speed check: under CI's load the team smoke (a PostgreSQL
// cluster, an import, 50 searchers) took 142 s of the 170 s it had.
const BENCH_LIMIT_MS = 420_000;

function runBench(kind: string): Promise<Outcome> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [join(ROOT, 'bench', 'run.mjs'), kind, '--smoke'],
      { cwd: ROOT, timeout: BENCH_LIMIT_MS, maxBuffer: 1 << 24 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

// Every benchmark and stress script at a tiny size, so none can rot unnoticed: bench/run.mjs runs
// only the kinds in bench/benchmarks.json, and each of them is run here. Figures are printed, never asserted.
describe('benchmarks and stress scripts at smoke size', () => {
  it.each(Object.keys(benchmarks))(
    'node bench/run.mjs %s --smoke runs to the end and prints figures',
    async (kind) => {
      const { code, stdout, stderr } = await runBench(kind);
      const output = `stdout:\n${stdout}\nstderr:\n${stderr}`;
      expect(code, output).toBe(0);
      // A time figure, in ms or (for whole-pipeline runs) in seconds.
      expect(stdout, output).toMatch(/\d (ms|s)\b/);
      expect(stdout, output).not.toMatch(/NaN/);
    },
    BENCH_LIMIT_MS + 10_000,
  );
});
