/**
 * A Chromium performance trace of one fresh-tab open, for `bench:editor --trace DIR`: where the
 * page's main thread spends the start (script compile and evaluation, style, layout, paint, GC,
 * tasks), split at first contentful paint. A CPU profile only sees JavaScript; parsing, compiling,
 * layout and paint show there as "(program)", which is why this exists beside --profile. The
 * trace itself (DIR/open-N.trace.json) opens in DevTools' Performance panel.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';

export interface ProfileNode {
  id: number;
  parent?: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
}

export interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  ts: number;
  dur?: number;
  /** The thread's CPU time inside the event (µs): unlike dur, not inflated by a loaded machine. */
  tdur?: number;
  pid: number;
  tid: number;
  id?: string;
  args?: {
    name?: string;
    data?: {
      url?: string;
      functionName?: string;
      startTime?: number;
      cpuProfile?: { nodes?: ProfileNode[]; samples?: number[] };
      timeDeltas?: number[];
    };
  };
}

const CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'v8',
  'v8.execute',
  'blink.user_timing',
  'loading',
  'toplevel',
];

/** `summary` replaces the default one (split at first contentful paint), e.g. insertTrace.ts's. */
export type TraceSummary = (events: TraceEvent[]) => string[];

/** The JavaScript sampler's category: its samples land in the trace, on the trace's own clock. */
export const JS_SAMPLES = 'disabled-by-default-v8.cpu_profiler';

export async function startTrace(
  browser: Browser,
  page: Page,
  extraCategories: string[] = [],
): Promise<(name: string, dir: string, summary?: TraceSummary) => Promise<void>> {
  await browser.startTracing(page, { categories: [...CATEGORIES, ...extraCategories] });
  return async (name, dir, summary = summarise) => {
    const buffer = await browser.stopTracing();
    writeFileSync(join(dir, `${name}.trace.json`), buffer);
    const { traceEvents } = JSON.parse(buffer.toString()) as { traceEvents: TraceEvent[] };
    console.log(`\n${name}: the page's main thread, by trace event (${join(dir, `${name}.trace.json`)})`);
    for (const line of summary(traceEvents)) console.log(`  ${line}`);
  };
}

/**
 * Self time of each event name on the renderers' main threads, before and after first contentful
 * paint: CPU time (the events' tdur) beside wall time, since on a shared machine a task's wall
 * time counts every moment the thread waited for a core.
 */
export function summarise(events: TraceEvent[]): string[] {
  const mains = new Set(
    events
      .filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
      .map((e) => `${e.pid}:${e.tid}`),
  );
  const fcp = events.find((e) => e.name === 'firstContentfulPaint')?.ts ?? Number.POSITIVE_INFINITY;
  const onMain = events.filter((e) => mains.has(`${e.pid}:${e.tid}`) && e.ph === 'X' && e.dur !== undefined);
  if (onMain.length === 0) return ['no main-thread events recorded'];
  const start = Math.min(...onMain.map((e) => e.ts));
  const end = Math.max(...onMain.map((e) => e.ts + (e.dur ?? 0)));
  /** Self time by label: [wall µs, CPU µs]. */
  const before = new Map<string, [number, number]>();
  const after = new Map<string, [number, number]>();
  const byThread = new Map<string, TraceEvent[]>();
  for (const event of onMain) {
    const key = `${event.pid}:${event.tid}`;
    byThread.set(key, [...(byThread.get(key) ?? []), event]);
  }
  for (const list of byThread.values()) {
    // Complete events nest: an event's self time is its duration less its direct children's.
    list.sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
    const stack: { event: TraceEvent; wall: number; cpu: number }[] = [];
    const close = (until: number) => {
      while (stack.length > 0) {
        const top = stack[stack.length - 1]!;
        if (top.event.ts + (top.event.dur ?? 0) > until) break;
        stack.pop();
        const into = top.event.ts < fcp ? before : after;
        const label = labelOf(top.event);
        const [wall, cpu] = into.get(label) ?? [0, 0];
        into.set(label, [wall + top.wall, cpu + top.cpu]);
      }
    };
    for (const event of list) {
      close(event.ts);
      const parent = stack[stack.length - 1];
      if (parent) {
        parent.wall -= event.dur ?? 0;
        parent.cpu -= event.tdur ?? 0;
      }
      stack.push({ event, wall: event.dur ?? 0, cpu: event.tdur ?? 0 });
    }
    close(Number.POSITIVE_INFINITY);
  }
  const ms = (us: number) => (us / 1000).toFixed(1);
  const total = (map: Map<string, [number, number]>, i: 0 | 1) => [...map.values()].reduce((a, b) => a + b[i], 0);
  const busy = (map: Map<string, [number, number]>) => `${ms(total(map, 1))} ms CPU (${ms(total(map, 0))} ms wall)`;
  const top = (map: Map<string, [number, number]>) =>
    [...map.entries()]
      .sort((a, b) => b[1][1] - a[1][1])
      .slice(0, 14)
      .map(([label, [wall, cpu]]) => `    ${ms(cpu).padStart(8)} ms CPU ${ms(wall).padStart(8)} ms wall  ${label}`);
  const at = (ts: number) => `${((ts - start) / 1000).toFixed(0)} ms`;
  return [
    `first contentful paint at ${Number.isFinite(fcp) ? at(fcp) : '—'}, last main-thread event ends at ${at(end)}`,
    `  before first paint: ${busy(before)}`,
    ...top(before),
    `  after first paint: ${busy(after)}`,
    ...top(after),
  ];
}

function labelOf(event: TraceEvent): string {
  const url = event.args?.data?.url;
  return url ? `${event.name} ${url.split('/').pop()?.split('?')[0]}` : event.name;
}
