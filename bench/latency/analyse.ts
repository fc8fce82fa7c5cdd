// One latency run's figures (bench/latency.ts): the probes' observations joined per delta into a
// timeline along the pipeline, and the latency of each stage. Shared by every pipeline the
// benchmark times (Twin Chat's and the bare baseline's), which the same probes observe.
import type { Batch } from '../page/shared/api';
import type { DeltaTimes } from './profile';

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p / 100) * (sorted.length - 1);
  const low = sorted[Math.floor(at)] ?? NaN;
  const high = sorted[Math.ceil(at)] ?? NaN;
  return low + (high - low) * (at - Math.floor(at));
}

export type { Batch };
export interface Observed {
  /** Index -> the browser received the websocket frame carrying it, in this process's clock. */
  frames: Map<number, number>;
  /** The workbench handing chat/delta to the webview, in the page's clock. */
  posts: Batch[];
  /** chat/delta arriving in the webview, in the chat frame's clock. */
  messages: Batch[];
  /** Index -> first time in the DOM, in the chat frame's clock. */
  visible: (number | null)[];
}

export interface Calibration {
  /** That frame's clock minus this process's clock, ms */
  offset: number;
  /** Half the round trip of the sample it came from: the offset's uncertainty, ms */
  uncertainty: number;
}
export interface Clocks {
  page: Calibration;
  /** The view's inner frame: Twin Chat's chat view, or the bare pipeline's view. */
  chat: Calibration;
}

export interface Delta extends DeltaTimes {
  /** When the last delta of the coalescer's batch it travelled in was written. */
  batchEnd?: number;
}

export interface Run {
  markers: number;
  seen: number;
  rate: number;
  raw: number[];
  dom: number[];
  /** socket -> websocket frame in the browser: network client, coalescer, extension host, server */
  host: number[];
  /** waiting in the coalescer for the later deltas of its batch (a lower bound of its hold) */
  coalescer: number[];
  /** from its batch's last delta: client parsing, coalescer, extension host -> server -> browser */
  hostRest: number[];
  /** websocket frame -> the workbench posts chat/delta to the webview iframe: its main thread */
  workbench: number[];
  /** workbench -> webview message: the webview iframes' relay */
  relay: number[];
  /** webview message -> DOM: pacing, animation frame, render */
  render: number[];
  /** socket -> the workbench posts it to the webview: stages 1 and 2 together (host, workbench) */
  toPosted: number[];
  deltasPerMessage: number[];
  messageGaps: number[];
  domUpdateGaps: number[];
  deltas: Delta[];
  clocks: Clocks;
}

function batchOf(batches: Batch[]): Map<number, Batch> {
  const of = new Map<number, Batch>();
  for (const b of batches) for (let i = Math.max(1, b.first); i <= b.last; i++) of.set(i, b);
  return of;
}

function latencies(arrivals: Map<number, number>, written: Map<number, number>): number[] {
  const out: number[] = [];
  for (const [i, at] of arrivals) {
    const w = written.get(i);
    if (w !== undefined) out.push(at - w);
  }
  return out;
}

function timeline(written: Map<number, number>, seen: Observed, clocks: Clocks): Delta[] {
  const posted = batchOf(seen.posts);
  const received = batchOf(seen.messages);
  return [...written].map(([index, w]) => {
    const post = posted.get(index);
    const message = received.get(index);
    const visible = seen.visible[index];
    return {
      index,
      written: w,
      framed: seen.frames.get(index),
      posted: post && post.at - clocks.page.offset,
      received: message && message.at - clocks.chat.offset,
      visible: visible === null || visible === undefined ? undefined : visible - clocks.chat.offset,
      batchEnd: post && written.get(post.last),
    };
  });
}

/** `to - from` for every delta that has both. */
function stage(deltas: Delta[], from: (d: Delta) => number | undefined, to: keyof Delta) {
  const out: number[] = [];
  for (const d of deltas) {
    const a = from(d);
    const b = d[to];
    if (a !== undefined && b !== undefined) out.push(b - a);
  }
  return out;
}

function gaps(times: number[]): number[] {
  const sorted = [...new Set(times)].sort((a, b) => a - b);
  return sorted.slice(1).map((t, k) => t - (sorted[k] ?? t));
}

export function analyse(
  written: Map<number, number>,
  raw: { arrivals: Map<number, number>; written: Map<number, number> },
  seen: Observed,
  clocks: Clocks,
): Run {
  const deltas = timeline(written, seen, clocks);
  const times = [...written.values()];
  return {
    markers: written.size,
    seen: deltas.filter((d) => d.visible !== undefined).length,
    rate: ((times.length - 1) * 1000) / (Math.max(...times) - Math.min(...times)),
    raw: latencies(raw.arrivals, raw.written),
    dom: stage(deltas, (d) => d.written, 'visible'),
    host: stage(deltas, (d) => d.written, 'framed'),
    coalescer: stage(deltas, (d) => d.written, 'batchEnd'),
    hostRest: stage(deltas, (d) => d.batchEnd, 'framed'),
    workbench: stage(deltas, (d) => d.framed, 'posted'),
    relay: stage(deltas, (d) => d.posted, 'received'),
    render: stage(deltas, (d) => d.received, 'visible'),
    toPosted: stage(deltas, (d) => d.written, 'posted'),
    deltasPerMessage: seen.messages.filter((m) => m.first >= 1).map((m) => m.last - m.first + 1),
    messageGaps: gaps(seen.messages.map((m) => m.at)),
    domUpdateGaps: gaps(seen.visible.filter((v): v is number => v !== null)),
    deltas,
    clocks,
  };
}
