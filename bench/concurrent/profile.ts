// Where the main threads go while four tabs stream (`node out/bench/concurrent.js --profile`): one
// round of four Twin Chat tabs and one of four bare-pipeline tabs, each under a trace of the
// workbench page, printing for every renderer main thread its busy time, its tasks of a frame or
// more and its largest self times. Whether the tabs' webviews share the workbench's thread (same
// origin, same renderer) or run in their own is what the list of threads shows.
import type { Run } from '../latency/analyse';
import { largestFirst, rendererMainThreads, selfTimes, type TraceEvent } from '../lib/trace';

const LONG_TASK_MS = 16;
const fmt = (ms: number): string => ms.toFixed(1);

/** What ran: the event, the function and its script's file name. */
function describe(event: TraceEvent): string {
  const data = event.args?.data;
  const script = data?.url?.split('?')[0]?.split('/').pop();
  return [event.name, data?.functionName, script && `(${script})`].filter(Boolean).join(' ');
}

/** Top-level tasks: events not nested in an earlier one. */
function topLevel(list: TraceEvent[]): TraceEvent[] {
  const sorted = [...list].sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  const out: TraceEvent[] = [];
  let end = -Infinity;
  for (const e of sorted) {
    if (e.ts < end) continue;
    out.push(e);
    end = e.ts + (e.dur ?? 0);
  }
  return out;
}

/** The largest self times inside one task, for naming a long one. */
function topParts(task: TraceEvent, list: TraceEvent[]): string {
  const end = task.ts + (task.dur ?? 0);
  const inner = list.filter((e) => e.ts >= task.ts && e.ts < end);
  return largestFirst(selfTimes(inner, describe))
    .slice(0, 4)
    .map((p) => `${p.name} ${fmt(p.ms)}`)
    .join(', ');
}

/**
 * Only the streams' time counts: from the first delta written to the last one in a DOM.
 * `monotonicToWall` maps the trace's clock (CLOCK_MONOTONIC) onto the bench process's.
 */
export function printRoundProfile(
  label: string,
  events: TraceEvent[],
  runs: Run[],
  monotonicToWall: number,
): void {
  const deltas = runs.flatMap((r) => r.deltas);
  const start = Math.min(...deltas.map((d) => d.written));
  const end = Math.max(...deltas.map((d) => d.visible ?? d.written));
  const wall = (us: number): number => us / 1000 + monotonicToWall;
  console.log(`\n${label}: streams from first written to last shown, ${fmt(end - start)} ms`);
  for (const [thread, all] of rendererMainThreads(events)) {
    const list = all.filter((e) => wall(e.ts) >= start && wall(e.ts) <= end);
    const tasks = topLevel(list);
    const busy = tasks.reduce((s, t) => s + (t.dur ?? 0) / 1000, 0);
    const long = tasks.filter((t) => (t.dur ?? 0) / 1000 >= LONG_TASK_MS);
    console.log(
      `  renderer main ${thread}: busy ${fmt(busy)} ms, ${tasks.length} tasks, ${long.length} of ${LONG_TASK_MS} ms or more (longest ${fmt(Math.max(0, ...long.map((t) => (t.dur ?? 0) / 1000)))} ms)`,
    );
    for (const p of largestFirst(selfTimes(list, describe)).slice(0, 16))
      console.log(`    ${fmt(p.ms).padStart(8)}  ${p.name}`);
    for (const t of long)
      console.log(
        `    long task at ${fmt(wall(t.ts) - start)} ms, ${fmt((t.dur ?? 0) / 1000)} ms: ${topParts(t, list)}`,
      );
  }
}
