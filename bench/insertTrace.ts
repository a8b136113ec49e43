/**
 * The insert phase's trace, summarised (`bench:editor --phases insert --trace DIR`): the main
 * thread's CPU in each insert's task — the task that holds the bench's `precis-insert` mark, in
 * which the insert, the renumbering and the footnote list's patch all run — and where it went, by
 * trace event (self time). CPU time (the events' tdur), unlike the windows' wall time, is not
 * inflated by other processes on a shared machine. What follows the task (the frame's style,
 * layout and paint, the save and the checks a pause sets off) is not in it: Chromium's CPU per
 * insert, printed beside, counts all of that.
 */
import type { ProfileNode, TraceEvent } from './startTrace';

export type Original = (url: string, line: number, column: number) => string | null;

/**
 * The JavaScript sampler's samples (trace category disabled-by-default-v8.cpu_profiler) on `tid`,
 * each with its time on the trace's clock and its stack, innermost first.
 */
export function jsSamples(events: TraceEvent[], pid: number, tid: number, original: Original) {
  const starts = new Map<string, number>();
  for (const e of events)
    if (e.name === 'Profile' && e.pid === pid && e.tid === tid && e.id !== undefined)
      starts.set(e.id, e.args?.data?.startTime ?? 0);
  const nodes = new Map<number, ProfileNode>();
  const names = new Map<number, string>();
  const name = (node: ProfileNode): string => {
    let known = names.get(node.id);
    if (known === undefined) {
      const { functionName, url, lineNumber, columnNumber } = node.callFrame;
      const mapped = url ? original(url, lineNumber, columnNumber) : null;
      known = `${functionName || '(anonymous)'} ← ${mapped ?? (url ? url.split('/').pop() : '')}`;
      names.set(node.id, known);
    }
    return known;
  };
  const samples: { ts: number; stack: string[] }[] = [];
  const clocks = new Map<string, number>();
  for (const e of events) {
    if (e.name !== 'ProfileChunk' || e.pid !== pid || e.id === undefined || !starts.has(e.id)) continue;
    for (const node of e.args?.data?.cpuProfile?.nodes ?? []) nodes.set(node.id, node);
    const ids = e.args?.data?.cpuProfile?.samples ?? [];
    const deltas = e.args?.data?.timeDeltas ?? [];
    let ts = clocks.get(e.id) ?? starts.get(e.id)!;
    ids.forEach((id, i) => {
      ts += deltas[i] ?? 0;
      const stack: string[] = [];
      for (let node = nodes.get(id); node; node = node.parent === undefined ? undefined : nodes.get(node.parent))
        stack.push(name(node));
      samples.push({ ts, stack });
    });
    clocks.set(e.id, ts);
  }
  return samples.sort((a, b) => a.ts - b.ts);
}

export function insertWindowsCpu(events: TraceEvent[], original: Original = () => null): string[] {
  const marks = events.filter((e) => e.name === 'precis-insert' && e.cat.includes('blink.user_timing'));
  if (marks.length === 0) return ['no insert marks in the trace'];
  const ms = (us: number) => (us / 1000).toFixed(1);
  const tasks: { cpu: number; wall: number }[] = [];
  const byLabel = new Map<string, number>();
  /** JavaScript samples inside the insert tasks: self and total (inclusive) counts by function. */
  const jsSelf = new Map<string, number>();
  const jsTotal = new Map<string, number>();
  let jsCount = 0;
  const first = marks[0]!;
  const samples = jsSamples(events, first.pid, first.tid, original);
  for (const mark of marks) {
    const thread = events.filter(
      (e) => e.pid === mark.pid && e.tid === mark.tid && e.ph === 'X' && e.dur !== undefined,
    );
    // The outermost event around the mark: the task it ran in.
    const task = thread
      .filter((e) => e.ts <= mark.ts && e.ts + (e.dur ?? 0) >= mark.ts)
      .sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0))[0];
    if (!task) continue;
    tasks.push({ cpu: task.tdur ?? 0, wall: task.dur ?? 0 });
    for (const { ts, stack } of samples) {
      if (ts < task.ts || ts > task.ts + (task.dur ?? 0) || stack[0] === '(idle) ← ') continue;
      jsCount += 1;
      jsSelf.set(stack[0]!, (jsSelf.get(stack[0]!) ?? 0) + 1);
      for (const frame of new Set(stack)) jsTotal.set(frame, (jsTotal.get(frame) ?? 0) + 1);
    }
    const inside = thread
      .filter((e) => e.ts >= task.ts && e.ts + (e.dur ?? 0) <= task.ts + (task.dur ?? 0))
      .sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
    // Self time: an event's CPU less its direct children's.
    const stack: { event: TraceEvent; cpu: number }[] = [];
    const close = (until: number) => {
      while (stack.length > 0) {
        const top = stack[stack.length - 1]!;
        if (top.event.ts + (top.event.dur ?? 0) > until) break;
        stack.pop();
        const label = top.event.args?.data?.functionName
          ? `${top.event.name} ${top.event.args.data.functionName}`
          : top.event.name;
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
  const sorted = (values: number[]) => [...values].sort((a, b) => a - b);
  const at = (values: number[], p: number) => values[Math.min(values.length - 1, Math.floor(p * values.length))] ?? 0;
  const cpu = sorted(tasks.map((t) => t.cpu));
  const wall = sorted(tasks.map((t) => t.wall));
  return [
    `${tasks.length} insert tasks: main-thread CPU p50 ${ms(at(cpu, 0.5))} ms, p95 ${ms(at(cpu, 0.95))} ms, max ${ms(at(cpu, 1))} ms (wall p50 ${ms(at(wall, 0.5))}, p95 ${ms(at(wall, 0.95))} ms)`,
    `  CPU by event, self, per insert:`,
    ...[...byLabel.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 14)
      .map(([label, us]) => `    ${ms(us / tasks.length).padStart(8)} ms  ${label}`),
    ...(jsCount === 0
      ? []
      : [
          `  JavaScript samples in the insert tasks (${jsCount}), share of them: self, then total`,
          ...shares(jsSelf, jsCount, 16),
          ...shares(jsTotal, jsCount, 30),
        ]),
  ];
}

function shares(counts: Map<string, number>, total: number, count: number): string[] {
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([frame, n]) => `    ${((100 * n) / total).toFixed(1).padStart(5)}%  ${frame}`);
}
