// The profile behind the latency benchmark's tail (`node out/bench/latency.js --profile`): which
// processes share the machine's cores during a run, what the workbench page's main thread does per
// chat/delta message, its long tasks, and for the slowest 1% of deltas, which stage held them and
// the longest main-thread task while they waited. In the web workbench that one thread runs the
// workbench and every same-origin webview, ours included.
import type { CpuUse } from '../lib/cpuByProcess';
import { largestFirst, pageMainThread, selfTimes, type TraceEvent } from '../lib/trace';

/** One delta's times along the pipeline, in the bench process's clock (ms): each stage it passed. */
export interface DeltaTimes {
  index: number;
  /** The simulator handed it to the kernel. */
  written: number;
  /** The browser received the websocket frame that carried it. */
  framed?: number;
  /** The workbench handed its chat/delta to the webview iframe. */
  posted?: number;
  /** Its chat/delta message arrived in the webview. */
  received?: number;
  /** It was first in the DOM. */
  visible?: number;
}

/** A frame's worth of main-thread work: a task this long delays everything queued behind it. */
const LONG_TASK_MS = 16;
const TOP_PARTS = 3;

const fmt = (ms: number): string => ms.toFixed(1);

export function printProcessCpu(
  pipeline: string,
  use: CpuUse[],
  wallMs: number,
  deltas: number,
): void {
  const total = use.reduce((s, u) => s + u.ms, 0);
  console.log(
    `\n${pipeline}: CPU by process over one run of ${deltas} deltas (${fmt(wallMs)} ms, untraced):`,
  );
  for (const u of use.filter((x) => x.ms > 0)) {
    console.log(
      `  ${fmt(u.ms).padStart(8)} ms  ${fmt((100 * u.ms) / wallMs).padStart(5)}%  ${u.label}`,
    );
    const threads = (u.threads ?? []).slice(0, 4).map((t) => `${t.name} ${fmt(t.ms)}`);
    if (threads.length) console.log(`             threads (ms): ${threads.join(', ')}`);
  }
  console.log(
    `  ${fmt(total).padStart(8)} ms in all: ${fmt(total / wallMs)} cores busy on average`,
  );
}

/** Bytes allocated on the page's heap, which the workbench and its same-origin webviews share. */
export function printAllocation(
  scripts: { name: string; mb: number }[],
  functions: { name: string; mb: number }[],
): void {
  const total = scripts.reduce((s, x) => s + x.mb, 0);
  console.log(`\nAllocated on the page's heap over one run (sampled): ${fmt(total)} MB`);
  for (const s of scripts.slice(0, 5)) console.log(`  ${fmt(s.mb).padStart(8)} MB  ${s.name}`);
  console.log('  largest allocating functions:');
  for (const f of functions.slice(0, 10)) console.log(`  ${fmt(f.mb).padStart(8)} MB  ${f.name}`);
}

/** Names an event by what ran: the function and script, the DOM event, or the IPC interface. */
function describe(event: TraceEvent): string {
  const data = event.args?.data;
  const mojo = event.args?.chrome_mojo_event_info?.mojo_interface_tag;
  const script = data?.url
    ?.replace(/^https?:\/\/[^/]+\//, '')
    .split('?')[0]
    ?.split('/')
    .pop();
  const parts = [
    event.name,
    data?.functionName,
    script && `(${script})`,
    data?.type,
    mojo && `[${mojo}]`,
  ];
  return parts.filter(Boolean).join(' ');
}

/** The main thread's top-level tasks: what the scheduler ran, with everything nested in each. */
function tasks(main: TraceEvent[]): { task: TraceEvent; inner: TraceEvent[] }[] {
  const out: { task: TraceEvent; inner: TraceEvent[] }[] = [];
  let current: { task: TraceEvent; inner: TraceEvent[]; end: number } | undefined;
  for (const e of main) {
    if (current && e.ts < current.end) current.inner.push(e);
    else {
      current = { task: e, inner: [e], end: e.ts + (e.dur ?? 0) };
      out.push(current);
    }
  }
  return out;
}

function topParts(inner: TraceEvent[]): string {
  return largestFirst(selfTimes(inner, describe))
    .slice(0, TOP_PARTS)
    .map((p) => `${p.name} ${fmt(p.ms)}`)
    .join(', ');
}

/**
 * `monotonicToWall` maps the trace's clock (CLOCK_MONOTONIC microseconds, as the devtools
 * protocol's) onto the bench process's.
 */
export function printTraceProfile(
  pipeline: string,
  events: TraceEvent[],
  deltas: DeltaTimes[],
  messages: number,
  monotonicToWall: number,
): void {
  const wall = (us: number): number => us / 1000 + monotonicToWall;
  const start = Math.min(...deltas.map((d) => d.written));
  const end = Math.max(...deltas.map((d) => d.visible ?? d.written));
  const all = tasks(pageMainThread(events)).filter(
    (t) => wall(t.task.ts) >= start && wall(t.task.ts) <= end,
  );
  const busy = all.reduce((s, t) => s + (t.task.dur ?? 0) / 1000, 0);
  console.log(
    `\n${pipeline}: the workbench page's main thread over the traced run (${fmt(end - start)} ms):`,
  );
  console.log(
    `  busy ${fmt(busy)} ms (${fmt((100 * busy) / (end - start))}%), ${all.length} tasks; ${messages} chat/delta messages, ${fmt(busy / messages)} ms of main thread per message`,
  );
  const inner = all.flatMap((t) => t.inner);
  console.log('  largest self times (ms):');
  for (const p of largestFirst(selfTimes(inner, describe)).slice(0, 12))
    console.log(`  ${fmt(p.ms).padStart(8)}  ${p.name}`);

  const long = all.filter((t) => (t.task.dur ?? 0) / 1000 >= LONG_TASK_MS);
  console.log(`\nTasks of ${LONG_TASK_MS} ms or more: ${long.length}`);
  for (const t of long)
    console.log(
      `  at ${fmt(wall(t.task.ts) - start)} ms, ${fmt((t.task.dur ?? 0) / 1000)} ms: ${topParts(t.inner)}`,
    );

  const seen = deltas.filter((d) => d.visible !== undefined);
  const slowest = [...seen]
    .sort((a, b) => (b.visible ?? 0) - b.written - ((a.visible ?? 0) - a.written))
    .slice(0, Math.max(1, Math.ceil(seen.length / 100)));
  console.log(
    `\nThe slowest 1% of deltas (${slowest.length}): total, by stage, longest task while waiting`,
  );
  for (const d of slowest.sort((a, b) => a.index - b.index)) {
    const stage = (from?: number, to?: number): string =>
      from === undefined || to === undefined ? '-' : fmt(to - from);
    const waiting = all.filter(
      (t) => wall(t.task.ts + (t.task.dur ?? 0)) > d.written && wall(t.task.ts) < (d.visible ?? 0),
    );
    const longest = waiting.sort((a, b) => (b.task.dur ?? 0) - (a.task.dur ?? 0))[0];
    console.log(
      `  #${d.index} at ${fmt(d.written - start)} ms: ${stage(d.written, d.visible)} ms = host ${stage(d.written, d.framed)} + workbench ${stage(d.framed, d.posted)} + relay ${stage(d.posted, d.received)} + webview ${stage(d.received, d.visible)}; ` +
        (longest
          ? `${fmt((longest.task.dur ?? 0) / 1000)} ms task (${topParts(longest.inner)})`
          : 'no task'),
    );
  }
}
