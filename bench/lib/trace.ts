// Chromium traces and V8 profiles over CDP for the webview benchmarks: the history bench reads
// frame reports from traces; `render.js --profile` and `latency.js --profile` break the page's
// main-thread time down by what it was spent on (and the latter its heap allocation), the
// profiles behind their notes.
import type { CDPSession } from 'playwright-core';

export interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  /** Microseconds, for complete ('X') events. */
  dur?: number;
  pid?: number;
  tid?: number;
  args?: {
    name?: string;
    data?: { functionName?: string; url?: string; type?: string };
    chrome_mojo_event_info?: { mojo_interface_tag?: string };
    frame_reporter?: { state?: string; layer_tree_host_id?: number; frame_sequence?: number };
  };
}

export async function traced<T>(
  cdp: CDPSession,
  categories: string[],
  work: () => Promise<T>,
): Promise<{ result: T; events: TraceEvent[] }> {
  const events: TraceEvent[] = [];
  const collect = (data: { value: object[] }): void => {
    events.push(...(data.value as TraceEvent[]));
  };
  cdp.on('Tracing.dataCollected', collect);
  await cdp.send('Tracing.start', {
    traceConfig: { includedCategories: categories },
    transferMode: 'ReportEvents',
  });
  const result = await work();
  const complete = new Promise<void>((resolve) =>
    cdp.once('Tracing.tracingComplete', () => resolve()),
  );
  await cdp.send('Tracing.end');
  await complete;
  cdp.off('Tracing.dataCollected', collect);
  return { result, events };
}

/** The categories DevTools' performance panel records for the main thread. */
export const TIMELINE_CATEGORIES = ['devtools.timeline', 'v8.execute', 'blink.user_timing'];

/** Each renderer main thread's complete events, keyed by `pid:tid`, in trace order. */
export function rendererMainThreads(events: TraceEvent[]): Map<string, TraceEvent[]> {
  const mains = new Set(
    events
      .filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
      .map((e) => `${e.pid}:${e.tid}`),
  );
  const byThread = new Map<string, TraceEvent[]>();
  for (const e of events) {
    const key = `${e.pid}:${e.tid}`;
    if (e.ph !== 'X' || e.dur === undefined || !mains.has(key)) continue;
    const list = byThread.get(key);
    if (list) list.push(e);
    else byThread.set(key, [e]);
  }
  return byThread;
}

/**
 * The complete events of the page renderer's main thread, in order. With several renderers in
 * the trace, the busiest main thread is the page's.
 */
export function pageMainThread(events: TraceEvent[]): TraceEvent[] {
  const byThread = rendererMainThreads(events);
  let busiest: TraceEvent[] = [];
  let busiestTotal = -1;
  for (const list of byThread.values()) {
    const total = sum(selfTimes(list).values());
    if (total > busiestTotal) [busiest, busiestTotal] = [list, total];
  }
  return busiest.sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
}

/**
 * Self time (ms) of each kind of main-thread event of the page's renderer, largest first: nested
 * complete events are subtracted from their parent, so the figures add up to the main thread's
 * busy time.
 */
export function mainThreadBreakdown(events: TraceEvent[]): { name: string; ms: number }[] {
  return largestFirst(selfTimes(pageMainThread(events)));
}

/** Microseconds -> `{ name, ms }` rows, largest first. */
export function largestFirst(self: Map<string, number>): { name: string; ms: number }[] {
  return [...self].map(([name, us]) => ({ name, ms: us / 1000 })).sort((a, b) => b.ms - a.ms);
}

const sum = (values: Iterable<number>): number => [...values].reduce((a, b) => a + b, 0);

/**
 * Self time (microseconds) per label of complete events on one thread: each event's duration
 * minus that of the events nested in it.
 */
export function selfTimes(
  list: TraceEvent[],
  label: (event: TraceEvent) => string = (event) => event.name,
): Map<string, number> {
  const sorted = [...list].sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  const self = new Map<string, number>();
  const open: { label: string; end: number }[] = [];
  const add = (name: string, us: number): void => {
    self.set(name, (self.get(name) ?? 0) + us);
  };
  for (const event of sorted) {
    const dur = event.dur ?? 0;
    while (open.length > 0 && (open[open.length - 1]?.end ?? 0) <= event.ts) open.pop();
    const parent = open[open.length - 1];
    const name = label(event);
    if (parent) add(parent.label, -dur);
    add(name, dur);
    open.push({ label: name, end: event.ts + dur });
  }
  return self;
}

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  samples?: number[];
  timeDeltas?: number[];
}

/** Runs `work` under V8's sampling profiler; self time (ms) per function, largest first. */
export async function cpuProfiled<T>(
  cdp: CDPSession,
  work: () => Promise<T>,
): Promise<{ result: T; functions: { name: string; ms: number }[] }> {
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  const result = await work();
  const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: CpuProfile };
  await cdp.send('Profiler.disable');
  const nameOf = new Map(
    profile.nodes.map((n) => {
      const { functionName, url, lineNumber } = n.callFrame;
      const file = url.split('/').pop() || '(native)';
      return [n.id, `${functionName || '(anonymous)'} ${file}:${lineNumber + 1}`];
    }),
  );
  const self = new Map<string, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  for (let i = 0; i < samples.length; i++) {
    const name = nameOf.get(samples[i] ?? -1) ?? '(unknown)';
    self.set(name, (self.get(name) ?? 0) + (deltas[i] ?? 0) / 1000);
  }
  const functions = [...self].map(([name, ms]) => ({ name, ms })).sort((a, b) => b.ms - a.ms);
  return { result, functions };
}

interface SamplingHeapNode {
  callFrame: { functionName: string; url: string; lineNumber: number };
  selfSize: number;
  children: SamplingHeapNode[];
}

/**
 * Runs `work` under V8's sampling heap profiler, counting objects already collected too: bytes
 * allocated per script and per function, largest first. A native function's allocations (a
 * string slice, an array copy) are charged to the script function that called it.
 */
export async function allocationProfiled<T>(
  cdp: CDPSession,
  work: () => Promise<T>,
): Promise<{
  result: T;
  scripts: { name: string; mb: number }[];
  functions: { name: string; mb: number }[];
}> {
  await cdp.send('HeapProfiler.enable');
  await cdp.send('HeapProfiler.startSampling', {
    samplingInterval: 8192,
    includeObjectsCollectedByMajorGC: true,
    includeObjectsCollectedByMinorGC: true,
  });
  const result = await work();
  const { profile } = (await cdp.send('HeapProfiler.stopSampling')) as unknown as {
    profile: { head: SamplingHeapNode };
  };
  await cdp.send('HeapProfiler.disable');
  const byScript = new Map<string, number>();
  const byFunction = new Map<string, number>();
  const add = (map: Map<string, number>, key: string, bytes: number): void => {
    map.set(key, (map.get(key) ?? 0) + bytes);
  };
  const walk = (node: SamplingHeapNode, caller: { script: string; name: string }): void => {
    const { functionName, url, lineNumber } = node.callFrame;
    const script = url.split('?')[0]?.split('/').pop() ?? '';
    const own = script
      ? { script, name: `${functionName || '(anonymous)'} ${script}:${lineNumber + 1}` }
      : undefined;
    const charged = own ?? {
      script: caller.script,
      name: `${functionName || '(native)'} in ${caller.name}`,
    };
    add(byScript, charged.script, node.selfSize);
    add(byFunction, charged.name, node.selfSize);
    for (const child of node.children) walk(child, own ?? caller);
  };
  walk(profile.head, { script: '(native)', name: '(native)' });
  const rows = (map: Map<string, number>) =>
    [...map].map(([name, bytes]) => ({ name, mb: bytes / 1e6 })).sort((a, b) => b.mb - a.mb);
  return { result, scripts: rows(byScript), functions: rows(byFunction) };
}
