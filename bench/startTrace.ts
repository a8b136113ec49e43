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

interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { name?: string; data?: { url?: string } };
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

export async function startTrace(browser: Browser, page: Page): Promise<(name: string, dir: string) => Promise<void>> {
  await browser.startTracing(page, { categories: CATEGORIES });
  return async (name, dir) => {
    const buffer = await browser.stopTracing();
    writeFileSync(join(dir, `${name}.trace.json`), buffer);
    const { traceEvents } = JSON.parse(buffer.toString()) as { traceEvents: TraceEvent[] };
    console.log(`\n${name}: the page's main thread, by trace event (${join(dir, `${name}.trace.json`)})`);
    for (const line of summarise(traceEvents)) console.log(`  ${line}`);
  };
}

/** Self time of each event name on the renderers' main threads, before and after first contentful paint. */
function summarise(events: TraceEvent[]): string[] {
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
  const before = new Map<string, number>();
  const after = new Map<string, number>();
  const byThread = new Map<string, TraceEvent[]>();
  for (const event of onMain) {
    const key = `${event.pid}:${event.tid}`;
    byThread.set(key, [...(byThread.get(key) ?? []), event]);
  }
  for (const list of byThread.values()) {
    // Complete events nest: an event's self time is its duration less its direct children's.
    list.sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
    const stack: { event: TraceEvent; self: number }[] = [];
    const close = (until: number) => {
      while (stack.length > 0) {
        const top = stack[stack.length - 1]!;
        if (top.event.ts + (top.event.dur ?? 0) > until) break;
        stack.pop();
        const into = top.event.ts < fcp ? before : after;
        const label = labelOf(top.event);
        into.set(label, (into.get(label) ?? 0) + top.self);
      }
    };
    for (const event of list) {
      close(event.ts);
      const parent = stack[stack.length - 1];
      if (parent) parent.self -= event.dur ?? 0;
      stack.push({ event, self: event.dur ?? 0 });
    }
    close(Number.POSITIVE_INFINITY);
  }
  const total = (map: Map<string, number>) => [...map.values()].reduce((a, b) => a + b, 0);
  const top = (map: Map<string, number>) =>
    [...map.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 14)
      .map(([label, us]) => `    ${(us / 1000).toFixed(1).padStart(8)} ms  ${label}`);
  const at = (ts: number) => `${((ts - start) / 1000).toFixed(0)} ms`;
  return [
    `first contentful paint at ${Number.isFinite(fcp) ? at(fcp) : '—'}, last main-thread event ends at ${at(end)}`,
    `  before first paint: ${(total(before) / 1000).toFixed(1)} ms busy`,
    ...top(before),
    `  after first paint: ${(total(after) / 1000).toFixed(1)} ms busy`,
    ...top(after),
  ];
}

function labelOf(event: TraceEvent): string {
  const url = event.args?.data?.url;
  return url ? `${event.name} ${url.split('/').pop()?.split('?')[0]}` : event.name;
}
