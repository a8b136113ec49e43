import { type ChildProcess, type SpawnSyncReturns, spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';

const ROOT = join(__dirname, '..', '..', '..', '..');
/** The `npx precis` launcher (rebuilds the CLI bundle when stale). */
const LAUNCHER = join(ROOT, 'bin', 'precis.cjs');

function launcher(): string {
  if (!existsSync(LAUNCHER)) throw new Error('The precis launcher (bin/precis.cjs) is missing.');
  return LAUNCHER;
}

/** Runs one `precis` command to its end. */
export function precis(args: string[], dataDir: string): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [launcher(), ...args, '--data-dir', dataDir], {
    encoding: 'utf8',
    timeout: 60_000,
  });
}

export interface Served {
  child: ChildProcess;
  url: string;
  /** Calls the contract over HTTP, as the browser does. */
  call(method: string, input: unknown): Promise<{ ok: boolean; value?: unknown; error?: { message: string } }>;
  /** Everything written to stderr so far. */
  stderr(): string;
  /** SIGTERM (a clean close), then waits for the exit code. */
  stop(): Promise<number | null>;
  /** SIGKILL: no chance to close anything. */
  kill(): Promise<void>;
}

const running = new Set<ChildProcess>();

/** Kills whatever a test left running (its own children only). */
export function killServed(): void {
  for (const child of running) child.kill('SIGKILL');
  running.clear();
}

/** Starts `precis serve --port 0` on `dataDir` and waits for its address. */
export async function serve(dataDir: string): Promise<Served> {
  const child = spawn(process.execPath, [launcher(), 'serve', '--port', '0', '--data-dir', dataDir], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  await expect
    .poll(() => (child.exitCode !== null ? `exited: ${stderr}` : /Open (http\S+)/.exec(stdout)?.[1]), {
      timeout: 60_000,
      interval: 50,
    })
    .toMatch(/^http/);
  const url = new URL(/Open (http\S+)/.exec(stdout)![1]!);
  const token = url.searchParams.get('token') ?? '';
  const finish = async (signal: NodeJS.Signals) => {
    child.kill(signal);
    const code = await exited;
    running.delete(child);
    return code;
  };
  return {
    child,
    url: url.toString(),
    async call(method, input) {
      const response = await fetch(new URL(`/api/${method}`, url), {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-precis-token': token },
        body: JSON.stringify(input),
      });
      return (await response.json()) as { ok: boolean; value?: unknown; error?: { message: string } };
    },
    stderr: () => stderr,
    stop: () => finish('SIGTERM'),
    kill: async () => {
      await finish('SIGKILL');
    },
  };
}
