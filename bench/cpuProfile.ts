/**
 * CPU profiles of the page, taken with Chromium's own profiler over CDP, for `bench:editor --profile
 * DIR`: each phase's .cpuprofile is written to DIR (open it in Chromium's DevTools, Performance
 * panel) and its heaviest functions by self time are printed, so a change is chosen from a
 * measurement, not a guess. CPU time, unlike wall time, is not inflated by other processes on a
 * shared machine.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { join } from 'node:path';
import type { CDPSession, Page } from 'playwright-core';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  hitCount?: number;
}
interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

export interface Profiling {
  /** Writes the profile; `windows` (page clock, ms) are the measured stretches, kept beside it. */
  stop(name: string, windows?: readonly (readonly [number, number])[]): Promise<void>;
}

/** Where a minified position of the built renderer came from, by the build's own source maps. */
export function sourceMapper(rendererDir: string) {
  const maps = new Map<string, SourceMap | null>();
  return (url: string, line: number, column: number): string | null => {
    const file = url.split('/').pop() ?? '';
    if (!maps.has(file)) {
      const path = join(rendererDir, 'assets', `${file}.map`);
      maps.set(file, existsSync(path) ? new SourceMap(JSON.parse(readFileSync(path, 'utf8'))) : null);
    }
    const entry = maps.get(file)?.findEntry(line, column) as
      | { originalSource?: string; originalLine?: number; name?: string }
      | undefined;
    if (!entry?.originalSource) return null;
    const source = entry.originalSource.replace(/^.*?node_modules\//, '').replace(/^(\.\.\/)+/, '');
    return `${entry.name ? `${entry.name} ` : ''}${source}:${(entry.originalLine ?? 0) + 1}`;
  };
}

export async function startProfiling(page: Page, dir: string, rendererDir: string): Promise<Profiling> {
  const cdp: CDPSession = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  // The page's clock at the profile's start, so windows timed in the page (performance.now()) can
  // be cut out of the profile: pageNow ≈ pageNowAtStart + (sample time − profile.startTime).
  const pageNowAtStart = (await page.evaluate('performance.now()')) as number;
  return {
    async stop(name: string, windows?: readonly (readonly [number, number])[]) {
      const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: Profile };
      writeFileSync(join(dir, `${name}.cpuprofile`), JSON.stringify(profile));
      if (windows) writeFileSync(join(dir, `${name}.windows.json`), JSON.stringify({ pageNowAtStart, windows }));
      console.log(`\n${name}: heaviest functions by self time (${join(dir, `${name}.cpuprofile`)})`);
      for (const line of heaviest(profile, 30, sourceMapper(rendererDir))) console.log(`  ${line}`);
      await cdp.detach();
    },
  };
}

/** Self time per function (µs between samples attributed to the sampled node), largest first. */
function heaviest(
  profile: Profile,
  count: number,
  original: (url: string, line: number, column: number) => string | null,
): string[] {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map<string, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  let total = 0;
  for (let i = 0; i < samples.length; i++) {
    const node = byId.get(samples[i]!);
    const delta = deltas[i + 1] ?? 0;
    if (!node) continue;
    const { functionName, url, lineNumber, columnNumber } = node.callFrame;
    const mapped = url ? original(url, lineNumber, columnNumber) : null;
    const where = mapped ?? (url ? `${url.split('/').pop()}:${lineNumber + 1}` : '');
    const key = `${functionName || '(anonymous)'} ← ${where}`.trim();
    self.set(key, (self.get(key) ?? 0) + delta);
    if (functionName !== '(idle)') total += delta;
  }
  const lines = [...self.entries()]
    .filter(([key]) => !key.startsWith('(idle)'))
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([key, us]) => `${(us / 1000).toFixed(1).padStart(8)} ms  ${key}`);
  return [
    `${(total / 1000).toFixed(1)} ms busy in ${((profile.endTime - profile.startTime) / 1000).toFixed(0)} ms`,
    ...lines,
  ];
}
