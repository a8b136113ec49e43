/**
 * The insert phase's trace, summarised (`bench:editor --phases insert --trace DIR`): the main
 * thread's CPU in each insert's task — the task that holds the bench's `precis-insert` mark, in
 * which the insert, the renumbering and the footnote list's patch all run — and where it went, by
 * trace event (self time). CPU time (the events' tdur), unlike the windows' wall time, is not
 * inflated by other processes on a shared machine. What follows the task (the frame's style,
 * layout and paint, the save and the checks a pause sets off) is not in it: Chromium's CPU per
 * insert, printed beside, counts all of that.
 */
import type { TraceEvent } from './startTrace';

export function insertWindowsCpu(events: TraceEvent[]): string[] {
  const marks = events.filter((e) => e.name === 'precis-insert' && e.cat.includes('blink.user_timing'));
  if (marks.length === 0) return ['no insert marks in the trace'];
  const ms = (us: number) => (us / 1000).toFixed(1);
  const tasks: { cpu: number; wall: number }[] = [];
  const byLabel = new Map<string, number>();
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
  ];
}
