/**
 * The keys phase's trace, key by key (`bench:editor --phases keys --trace DIR`): what ran on the
 * page's main thread between each keydown and the frame that showed it, so the slow keys — the
 * p95 — can be told apart from the rest. Each key's window is the bench's own `precis-key` measure
 * (keydown → the task after the frame's animation callbacks), on the trace's clock. Every
 * top-level task that overlaps a window is charged to it, by kind (the key's own events, the
 * frame, a timer, an idle callback, GC…), in CPU time (the events' tdur: a loaded machine
 * inflates wall time, much less CPU). The kinds of the slowest tenth of the keys are then printed
 * beside the median keys', and the slowest keys one by one with their tasks.
 */
import { jsSamples, type Original } from './insertTrace';
import type { TraceEvent } from './startTrace';

/** What a top-level task was, from the events inside it. */
function kindOf(inside: TraceEvent[]): string {
  const names = new Set(inside.map((e) => e.name));
  const dispatch = inside.find((e) => e.name === 'EventDispatch');
  const type = (dispatch?.args?.data as { type?: string } | undefined)?.type;
  if (type) return `event ${type}`;
  if (names.has('FireAnimationFrame') || names.has('PrePaint') || names.has('Paint') || names.has('Layerize'))
    return 'frame';
  if (names.has('FireIdleCallback')) return 'idle callback';
  if (names.has('TimerFire')) return 'timer';
  if (names.has('IntersectionObserverController::computeIntersections')) return 'intersection observer';
  if (names.has('HitTest')) return 'hit test';
  if ([...names].some((n) => /GC|Sweep|Scavenge|Mark/.test(n))) return 'GC';
  if (names.has('RunMicrotasks')) return 'microtasks';
  if (names.has('Layout') || names.has('UpdateLayoutTree')) return 'layout';
  if (names.has('FunctionCall') || names.has('v8.callFunction')) return 'script';
  if (names.has('ParseHTML') || names.has('ResourceReceiveResponse') || names.has('ResourceFinish')) return 'network';
  return [...names][0] ?? 'task';
}

interface Task {
  inside: TraceEvent[];
  /** The JavaScript samples in it, each its stack innermost first. */
  stacks: string[][];
  ts: number;
  end: number;
  cpu: number;
  kind: string;
  /** The JavaScript in it, by function (mapped), most sampled first. */
  js: string;
}

export function keyWindows(events: TraceEvent[], original: Original = () => null): string[] {
  // Async events, each begin written just before its end (the measure is made at its end): all
  // share one id, so they are paired in the order written.
  const begins: TraceEvent[] = [];
  const endOf = new Map<TraceEvent, TraceEvent>();
  for (const e of events) {
    if (e.name !== 'precis-key') continue;
    if (e.ph === 'b') begins.push(e);
    else if (e.ph === 'e' && begins.length > 0) endOf.set(begins[begins.length - 1]!, e);
  }
  if (begins.length === 0) return ['no key measures in the trace'];
  const first = begins[0]!;
  // The measures are emitted on the page's main thread's process; its main thread holds the tasks.
  const mainTid = events.find(
    (e) => e.ph === 'M' && e.name === 'thread_name' && e.pid === first.pid && e.args?.name === 'CrRendererMain',
  )?.tid;
  const thread = events
    .filter((e) => e.pid === first.pid && e.tid === mainTid && e.ph === 'X' && e.dur !== undefined)
    .sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  const samples = jsSamples(events, first.pid, mainTid ?? first.tid, original);
  // Top-level tasks: events not inside another.
  const tasks: Task[] = [];
  let i = 0;
  while (i < thread.length) {
    const top = thread[i]!;
    const end = top.ts + (top.dur ?? 0);
    let j = i + 1;
    while (j < thread.length && thread[j]!.ts < end) j++;
    const inside = thread.slice(i, j);
    const js = new Map<string, number>();
    const stacks: string[][] = [];
    for (const s of samples) {
      if (s.ts < top.ts || s.ts > end || s.stack[0]?.startsWith('(')) continue;
      stacks.push(s.stack);
      // The innermost frame of ours (not a library's) that the sample is in, else the innermost.
      const frame = s.stack.find((f) => f.includes('renderer/') || f.includes('shared/')) ?? s.stack[0]!;
      js.set(frame, (js.get(frame) ?? 0) + 1);
    }
    tasks.push({
      inside,
      stacks,
      ts: top.ts,
      end,
      cpu: top.tdur ?? 0,
      kind: kindOf(inside),
      js: [...js.entries()]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 3)
        .map(([f, n]) => `${f.replace(/ ← .*\//, ' ← ')} ×${n}`)
        .join('; '),
    });
    i = j;
  }
  const keys = begins
    .map((b) => ({ ts: b.ts, end: endOf.get(b)?.ts ?? b.ts }))
    .map((k) => {
      const inWindow = tasks.filter((t) => t.end > k.ts && t.ts < k.end);
      const byKind = new Map<string, number>();
      for (const t of inWindow) byKind.set(t.kind, (byKind.get(t.kind) ?? 0) + t.cpu);
      return { ...k, latency: k.end - k.ts, tasks: inWindow, byKind };
    });
  const ms = (us: number) => (us / 1000).toFixed(1);
  const sorted = [...keys].sort((a, b) => a.latency - b.latency);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!.latency;
  const slow = sorted.slice(Math.floor(0.9 * sorted.length));
  const middle = sorted.slice(Math.floor(0.25 * sorted.length), Math.floor(0.75 * sorted.length));
  const mean = (group: typeof keys) => {
    const total = new Map<string, number>();
    for (const k of group) for (const [kind, us] of k.byKind) total.set(kind, (total.get(kind) ?? 0) + us);
    return new Map([...total].map(([kind, us]) => [kind, us / Math.max(1, group.length)]));
  };
  const [slowMean, middleMean] = [mean(slow), mean(middle)];
  const kinds = [...new Set([...slowMean.keys(), ...middleMean.keys()])].sort(
    (a, b) => (slowMean.get(b) ?? 0) - (slowMean.get(a) ?? 0),
  );
  const perKey = (kind: string) => {
    const of = tasks.filter((t) => t.kind === kind && keys.some((k) => t.end > k.ts && t.ts < k.end));
    return [
      `  inside the ${kind} tasks of the keys' windows (${of.length}), per task: self CPU by trace event, then JavaScript samples by function (self)`,
      ...selfByEvent(
        of.flatMap((t) => [t.inside]),
        of.length,
      ),
      ...jsShares(of.flatMap((t) => t.stacks)),
    ];
  };
  return [
    `${keys.length} keys: latency (trace) p50 ${ms(at(0.5))} ms, p95 ${ms(at(0.95))} ms, max ${ms(at(1))} ms`,
    `  main-thread CPU in a key's window, by task kind: slowest tenth (${slow.length} keys, ≥ ${ms(slow[0]!.latency)} ms) · middle half`,
    ...kinds.map(
      (kind) =>
        `    ${ms(slowMean.get(kind) ?? 0).padStart(7)} · ${ms(middleMean.get(kind) ?? 0).padStart(7)} ms  ${kind}`,
    ),
    ...perKey('event keydown'),
    ...perKey('frame'),
    `  the slowest keys (key number, latency: tasks in its window as kind CPU/wall ms, JavaScript sampled)`,
    ...slow
      .slice(-10)
      .reverse()
      .flatMap((k) => [
        `    #${keys.indexOf(k)} ${ms(k.latency)} ms:`,
        ...k.tasks
          .filter((t) => t.end - t.ts > 300)
          .map(
            (t) => `      +${ms(t.ts - k.ts)} ${t.kind} ${ms(t.cpu)}/${ms(t.end - t.ts)}${t.js ? `  [${t.js}]` : ''}`,
          ),
      ]),
  ];
}

/** Self CPU (an event's tdur less its direct children's) by event name over the tasks, per task. */
function selfByEvent(tasks: TraceEvent[][], count: number): string[] {
  const byLabel = new Map<string, number>();
  for (const inside of tasks) {
    const stack: { event: TraceEvent; cpu: number }[] = [];
    const close = (until: number) => {
      while (stack.length > 0) {
        const top = stack[stack.length - 1]!;
        if (top.event.ts + (top.event.dur ?? 0) > until) break;
        stack.pop();
        const type = (top.event.args?.data as { type?: string } | undefined)?.type;
        const label = type ? `${top.event.name} ${type}` : top.event.name;
        byLabel.set(label, (byLabel.get(label) ?? 0) + top.cpu);
      }
    };
    for (const event of inside) {
      close(event.ts);
      const parent = stack[stack.length - 1];
      if (parent) parent.cpu -= event.tdur ?? 0;
      stack.push({ event, cpu: event.tdur ?? 0 });
    }
    close(Number.POSITIVE_INFINITY);
  }
  return [...byLabel.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 12)
    .map(([label, us]) => `    ${(us / 1000 / Math.max(1, count)).toFixed(2).padStart(7)} ms  ${label}`);
}

/** Shares of the samples by innermost function, and by each function on the stack (total). */
function jsShares(stacks: string[][]): string[] {
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  for (const stack of stacks) {
    self.set(stack[0]!, (self.get(stack[0]!) ?? 0) + 1);
    for (const frame of new Set(stack)) total.set(frame, (total.get(frame) ?? 0) + 1);
  }
  const top = (counts: Map<string, number>, n: number) =>
    [...counts.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([frame, k]) => `      ${((100 * k) / Math.max(1, stacks.length)).toFixed(1).padStart(5)}%  ${frame}`);
  return [`    JavaScript (${stacks.length} samples), self:`, ...top(self, 12), '    total:', ...top(total, 25)];
}
