// Added latency (issue #8): how long a streamed delta takes from leaving the simulator's socket to
// being in the chat webview's DOM, through the real pipeline (network client -> controller and
// its coalescer -> postMessage -> webview render) in real VS Code with the packaged .vsix, against
// the time the same bytes take to reach a raw socket reader in this process. Budget: median added
// latency below one frame (16 ms), p99 below 50 ms, at 200 deltas/s.
//   node out/bench/latency.js [--quick]      (TWIN_CHAT_E2E_VSIX=<file> reuses a built .vsix)
//   node out/bench/latency.js --profile      where the tail's time goes (see latencyProfile.ts)
//
// The simulator records when each delta was handed to the kernel (recordDeltaTimes); the raw
// reader notes when each "Đoạn i:" arrived. Along the pipeline: the devtools protocol's time for
// the websocket frame that brought it to the browser, a probe in the workbench page for when the
// workbench hands its chat/delta to the webview's iframe, and one in the webview's inner frame for
// when the message arrives and when "Đoạn i:" first appears in the DOM. Page clocks read
// performance.timeOrigin + performance.now() and are mapped onto this process's before each run
// with the tightest of several evaluate() round trips; devtools times are CLOCK_MONOTONIC.
import * as fs from 'node:fs';
import { connect } from 'node:net';
import type { Frame } from 'playwright-core';
import { Workbench } from '../test/e2e/workbench';
import { eventually } from '../test/harness/eventually';
import { DEMO_CREDENTIALS, type DeltaTime, type Simulator } from '../test/simulator/server';
import { median, type Benchmark, type BenchRow } from './result';
import { shippedExtension } from './shipped';
import { runStandalone } from './standalone';
import { cpuBetween, cpuSnapshot } from './cpuByProcess';
import {
  printAllocation,
  printProcessCpu,
  printTraceProfile,
  type DeltaTimes,
} from './latencyProfile';
import { allocationProfiled, TIMELINE_CATEGORIES, traced } from './trace';

/** The timeline, with every task, IPC message and garbage collection on the main thread. */
const PROFILE_CATEGORIES = [
  ...TIMELINE_CATEGORIES,
  'disabled-by-default-devtools.timeline',
  'toplevel',
  'v8',
];

/** 200 deltas/s; 1,000 timed deltas ("Đoạn 1:" ... "Đoạn 1000:") after the heading delta. */
const FULL = { markers: 1_000, runs: 3 };
const QUICK = { markers: 200, runs: 1 };
type Size = typeof FULL;
const TOKEN_DELAY_MS = 5;
const TARGET_RATE = 1000 / TOKEN_DELAY_MS;
const WARM_UP_MARKERS = 20;
const CALIBRATION_ROUNDS = 25;
const RAW_HEADER = 'x-latency-bench';
const MARKER = /Đoạn (\d+):/g;

const now = (): number => performance.timeOrigin + performance.now();

function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p / 100) * (sorted.length - 1);
  const low = sorted[Math.floor(at)] ?? NaN;
  const high = sorted[Math.ceil(at)] ?? NaN;
  return low + (high - low) * (at - Math.floor(at));
}

function markers(text: string): number[] {
  return [...text.matchAll(MARKER)].map((m) => Number(m[1]));
}

/** `index -> written` from the simulator's record, markers only (delta 0 is the heading). */
function writtenTimes(times: DeltaTime[] | undefined): Map<number, number> {
  if (!times) throw new Error('the simulator recorded no delta times');
  return new Map(times.filter((t) => t.index > 0).map((t) => [t.index, t.at]));
}

// ---- Baseline: a raw socket reader in this process ----------------------------------------------

async function newConversation(sim: Simulator): Promise<string> {
  const res = await fetch(`${sim.twinExpertBaseUrl}/conversations`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${DEMO_CREDENTIALS.twinExpertApiKey}`,
      'content-type': 'application/json',
    },
    body: JSON.stringify({ twinId: 'twin-typescript', title: 'latency baseline' }),
  });
  return ((await res.json()) as { data: { id: string } }).data.id;
}

/** Streams an answer of `count` markers over a plain socket; arrival time of each marker. */
async function rawArrivals(
  sim: Simulator,
  count: number,
  tag: string,
): Promise<Map<number, number>> {
  const id = await newConversation(sim);
  const url = new URL(sim.url);
  const body = JSON.stringify({ content: 'Đo độ trễ' });
  const head = [
    `POST /api/v1/conversations/${id}/messages/stream HTTP/1.1`,
    `Host: ${url.host}`,
    `Authorization: Bearer ${DEMO_CREDENTIALS.twinExpertApiKey}`,
    'Accept: text/event-stream',
    'Content-Type: application/json',
    `Content-Length: ${Buffer.byteLength(body)}`,
    `x-sim-fault: ${JSON.stringify({ kind: 'longAnswer', deltas: count + 1 })}`,
    `x-sim-config: ${JSON.stringify({ tokenDelayMs: TOKEN_DELAY_MS, recordDeltaTimes: true })}`,
    `${RAW_HEADER}: ${tag}`,
    'Connection: close',
  ];
  const arrivals = new Map<number, number>();
  const decoder = new TextDecoder();
  let text = '';
  let scanned = 0;
  await new Promise<void>((resolve, reject) => {
    const socket = connect(Number(url.port), '127.0.0.1');
    socket.on('data', (chunk: Buffer) => {
      const at = now();
      text += decoder.decode(chunk, { stream: true });
      // A marker can straddle two reads: rescan the last few characters.
      for (const i of markers(text.slice(Math.max(0, scanned - 16))))
        if (!arrivals.has(i)) arrivals.set(i, at);
      scanned = text.length;
    });
    socket.on('error', reject);
    socket.on('close', () => resolve());
    socket.write(`${head.join('\r\n')}\r\n\r\n${body}`);
  });
  return arrivals;
}

function rawRecord(sim: Simulator, tag: string): DeltaTime[] | undefined {
  return sim.requests.find((r) => r.headers[RAW_HEADER] === tag)?.deltaTimes;
}

// ---- The real pipeline: probes in the workbench page and the chat webview ----------------------

// Plain JavaScript (the bench's tsconfig has no DOM library). In the workbench page: when VS Code
// hands each chat/delta to the webview's iframe (the MessagePort it talks to the iframe over).
const PAGE_PROBE = String.raw`
globalThis.__latencyPage ??= (() => {
  const MARK = /Đoạn (\d+):/g;
  let posts = [];
  const original = MessagePort.prototype.postMessage;
  MessagePort.prototype.postMessage = function (data, ...rest) {
    const m = data && data.channel === 'message' && data.args && data.args.message;
    if (m && m.type === 'chat/delta') {
      const at = performance.timeOrigin + performance.now();
      const found = [...m.text.matchAll(MARK)].map((x) => +x[1]);
      posts.push({ at, first: found[0] ?? -1, last: found.at(-1) ?? -1 });
    }
    return original.call(this, data, ...rest);
  };
  return { take: () => { const out = posts; posts = []; return out; } };
})();
undefined`;

// In the chat webview's inner frame: when each chat/delta message arrives (a capturing listener,
// so before the app's own) and when each "Đoạn i:" first appears in the DOM. The observer looks
// only at what each mutation added or changed, in messages that did not exist when installed.
const CHAT_PROBE = String.raw`
globalThis.__latencyProbe = (() => {
  const now = () => performance.timeOrigin + performance.now();
  const MARK = /Đoạn (\d+):/g;
  const visible = [];
  const messages = [];
  let done = false;
  const old = new Set(document.querySelectorAll('article.message'));
  const fresh = (node) => {
    const el = node.nodeType === 1 ? node : node.parentElement;
    const article = el && el.closest('article.message');
    return !article || !old.has(article);
  };
  const scan = (text, at) => {
    for (const m of text.matchAll(MARK)) if (visible[+m[1]] === undefined) visible[+m[1]] = at;
  };
  const observer = new MutationObserver((records) => {
    const at = now();
    for (const r of records) {
      if (!fresh(r.target)) continue;
      if (r.type === 'characterData') scan(r.target.data, at);
      else for (const n of r.addedNodes) scan(n.textContent || '', at);
    }
  });
  observer.observe(document.querySelector('.messages'), {
    childList: true, subtree: true, characterData: true,
  });
  const onMessage = (event) => {
    const at = now();
    const data = event.data;
    if (!data || typeof data !== 'object') return;
    if (data.type === 'chat/delta') {
      const found = [...data.text.matchAll(MARK)].map((m) => +m[1]);
      messages.push({ at, first: found[0] ?? -1, last: found.at(-1) ?? -1 });
    } else if (data.type === 'chat/done' || data.type === 'chat/error') done = data.type;
  };
  window.addEventListener('message', onMessage, true);
  return {
    done: () => done,
    seen: () => visible.filter((v) => v !== undefined).length,
    finish: () => {
      observer.disconnect();
      window.removeEventListener('message', onMessage, true);
      return { visible: Array.from(visible, (v) => v ?? null), messages, done };
    },
  };
})();
undefined`;

/** One chat/delta as a stage saw it: when, and which markers it carried. */
interface Batch {
  at: number;
  first: number;
  last: number;
}
interface Observed {
  /** Index -> the browser received the websocket frame carrying it, in this process's clock. */
  frames: Map<number, number>;
  /** The workbench handing chat/delta to the webview, in the page's clock. */
  posts: Batch[];
  /** chat/delta arriving in the webview, in the chat frame's clock. */
  messages: Batch[];
  /** Index -> first time in the DOM, in the chat frame's clock. */
  visible: (number | null)[];
}

/** The chat view's content document: the frame inside Twin Chat's webview iframe. */
function chatFrame(wb: Workbench): Frame {
  const frame = wb.page
    .frames()
    .find((f) => f.parentFrame()?.url().includes('extensionId=twinchat.twin-chat'));
  if (!frame) throw new Error("the chat webview's inner frame was not found");
  return frame;
}

interface Calibration {
  /** That frame's clock minus this process's clock, ms */
  offset: number;
  /** Half the round trip of the sample it came from: the offset's uncertainty, ms */
  uncertainty: number;
}
interface Clocks {
  page: Calibration;
  chat: Calibration;
}

async function calibrate(frame: Frame): Promise<Calibration> {
  let best: Calibration = { offset: NaN, uncertainty: Infinity };
  for (let i = 0; i < CALIBRATION_ROUNDS; i++) {
    const t0 = now();
    const browser = await frame.evaluate(() => performance.timeOrigin + performance.now());
    const t1 = now();
    if ((t1 - t0) / 2 < best.uncertainty)
      best = { offset: browser - (t0 + t1) / 2, uncertainty: (t1 - t0) / 2 };
  }
  return best;
}

async function calibrateBoth(wb: Workbench): Promise<Clocks> {
  return { page: await calibrate(wb.page.mainFrame()), chat: await calibrate(chatFrame(wb)) };
}

/** Opens the chat view, stores the API key and picks a twin, as a user does (journey steps 1-3). */
async function prepare(wb: Workbench): Promise<void> {
  await wb.page.locator('.activitybar .action-label[aria-label^="Twin Chat"]').click();
  await wb.chat.getByRole('heading', { name: 'Chat with your AI twins' }).waitFor();
  await wb.runCommand('Twin Chat: Set TwinExpert API Key');
  await wb.answerInputBox('Paste your TwinExpert API key', DEMO_CREDENTIALS.twinExpertApiKey);
  const picker = wb.chat.getByRole('combobox', { name: 'Twin or bot' });
  await picker.selectOption({ label: 'Chuyên gia TypeScript' });
  await wb.page.evaluate(PAGE_PROBE);
}

/**
 * Polls an expression in the frame. Not waitForFunction: a string predicate runs through eval,
 * which the webview's Content-Security-Policy forbids; evaluate() goes through the debugger.
 */
async function until(frame: Frame, expression: string, timeoutMs: number, everyMs: number) {
  const holds = async (): Promise<boolean> => Boolean(await frame.evaluate(expression));
  await eventually(holds, expression, { timeoutMs, intervalMs: everyMs });
}

/** What to add to CLOCK_MONOTONIC milliseconds (devtools and trace times) for this process's clock. */
function monotonicToWall(): number {
  return now() - Number(process.hrtime.bigint()) / 1e6;
}

/**
 * The browser's network layer receiving the extension host's messages: VS Code's server talks to
 * the workbench over a websocket, and Chrome's devtools protocol reports each frame with its
 * arrival time in CLOCK_MONOTONIC seconds, the clock process.hrtime reads.
 */
async function watchWebSocket(wb: Workbench): Promise<() => Map<number, number>> {
  const session = await wb.page.context().newCDPSession(wb.page);
  const toWall = monotonicToWall();
  let arrivals = new Map<number, number>();
  session.on('Network.webSocketFrameReceived', ({ timestamp, response }) => {
    const bytes = Buffer.from(response.payloadData, response.opcode === 2 ? 'base64' : 'utf8');
    const text = bytes.toString('utf8');
    if (!text.includes('chat/delta')) return;
    for (const i of markers(text)) if (!arrivals.has(i)) arrivals.set(i, timestamp * 1000 + toWall);
  });
  await session.send('Network.enable');
  return () => {
    const taken = arrivals;
    arrivals = new Map();
    return taken;
  };
}

/** Sends one question answered with `count` markers and returns what the probes saw. */
async function ask(
  wb: Workbench,
  count: number,
  question: string,
  takeFrames: () => Map<number, number>,
): Promise<Observed> {
  const frame = chatFrame(wb);
  takeFrames();
  await frame.evaluate(CHAT_PROBE);
  await wb.page.evaluate('globalThis.__latencyPage.take()');
  wb.sim.configure({
    fault: { kind: 'longAnswer', deltas: count + 1 },
    faultOnce: true,
    faultMatch: '/messages/stream',
    tokenDelayMs: TOKEN_DELAY_MS,
    recordDeltaTimes: true,
  });
  const input = wb.chat.getByRole('textbox', { name: 'Message' });
  await input.fill(question);
  await input.press('Enter');
  await until(frame, 'globalThis.__latencyProbe.done()', 60_000 + count * 50, 250);
  // The last deltas reach the DOM up to a paced frame after chat/done.
  await until(frame, `globalThis.__latencyProbe.seen() >= ${count}`, 2_000, 50).catch(
    () => undefined,
  );
  await wb.chat.getByRole('button', { name: 'Send' }).waitFor();
  const chat = await frame.evaluate<Omit<Observed, 'posts'>>('globalThis.__latencyProbe.finish()');
  const posts = await wb.page.evaluate<Batch[]>('globalThis.__latencyPage.take()');
  return { ...chat, posts, frames: takeFrames() };
}

function pipelineRecord(sim: Simulator): DeltaTime[] | undefined {
  return sim.requests
    .filter((r) => r.path.endsWith('/messages/stream') && r.headers[RAW_HEADER] === undefined)
    .at(-1)?.deltaTimes;
}

// ---- One run: the raw baseline, then the same answer through VS Code ----------------------------

interface Delta extends DeltaTimes {
  /** When the last delta of the coalescer's batch it travelled in was written. */
  batchEnd?: number;
}

interface Run {
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

function analyse(
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
    deltasPerMessage: seen.messages.filter((m) => m.first >= 1).map((m) => m.last - m.first + 1),
    messageGaps: gaps(seen.messages.map((m) => m.at)),
    domUpdateGaps: gaps(seen.visible.filter((v): v is number => v !== null)),
    deltas,
    clocks,
  };
}

async function measureRun(
  wb: Workbench,
  count: number,
  n: number,
  takeFrames: () => Map<number, number>,
): Promise<Run> {
  const tag = `raw-${n}`;
  const arrivals = await rawArrivals(wb.sim, count, tag);
  const raw = { arrivals, written: writtenTimes(rawRecord(wb.sim, tag)) };
  const clocks = await calibrateBoth(wb);
  const seen = await ask(wb, count, `Đo độ trễ, lượt ${n}`, takeFrames);
  const written = writtenTimes(pipelineRecord(wb.sim));
  if (written.size !== count) throw new Error(`the simulator wrote ${written.size} of ${count}`);
  return analyse(written, raw, seen, clocks);
}

// ---- Rows -----------------------------------------------------------------------------------------

const fmt = (v: number): string => v.toFixed(1);

type Series = 'raw' | 'dom' | 'host' | 'coalescer' | 'hostRest' | 'workbench' | 'relay' | 'render';

function rows(size: Size, runs: Run[], clocks: Calibration[]): BenchRow[] {
  const per = (f: (r: Run) => number): number => median(runs.map(f));
  const list = (f: (r: Run) => number): string => runs.map((r) => fmt(f(r))).join(', ');
  const p = (key: Series, q: number) => (r: Run) => percentile(r[key], q);
  const added = (q: number) => (r: Run) => p('dom', q)(r) - p('raw', q)(r);
  const both = (key: Series) => `median ${fmt(per(p(key, 50)))} ms, p99 ${fmt(per(p(key, 99)))} ms`;
  const base = { bench: 'latency', unit: 'ms' as const, runs: runs.length };
  const offsets = clocks.map((c) => c.offset);
  const uncertainty = Math.max(...clocks.map((c) => c.uncertainty));
  const stages: Series[] = ['host', 'workbench', 'relay', 'render'];
  const backwards = runs.reduce(
    (sum, r) => sum + stages.flatMap((key) => r[key]).filter((v) => v < -2 * uncertainty).length,
    0,
  );
  return [
    {
      ...base,
      metric: 'added latency, median (socket -> chat webview DOM, minus a raw socket reader)',
      value: per(added(50)),
      baseline: { label: 'raw socket reader, median', value: per(p('raw', 50)) },
      budget: { limit: 16, kind: 'max', on: 'value' },
      note: `DOM latency median per run: ${list(p('dom', 50))} ms; ${size.markers} deltas a run, paced ${TOKEN_DELAY_MS} ms apart`,
    },
    {
      ...base,
      metric: 'added latency, p99 (socket -> chat webview DOM, minus a raw socket reader)',
      value: per(added(99)),
      baseline: { label: 'raw socket reader, p99', value: per(p('raw', 99)) },
      budget: { limit: 50, kind: 'max', on: 'value' },
      note: `DOM latency p99 per run: ${list(p('dom', 99))} ms`,
    },
    {
      ...base,
      metric:
        'stage 1: socket -> websocket frame in the browser (client, coalescer, extension host, server)',
      value: per(p('host', 50)),
      note: `${both('host')}; of which waiting for the rest of its coalescer batch to be written: ${both('coalescer')}; from the batch's last delta (client, coalescer interval, extension host -> server -> browser): ${both('hostRest')}; frame times from the devtools protocol`,
    },
    {
      ...base,
      metric: 'stage 2: websocket frame -> workbench posts chat/delta to the webview iframe',
      value: per(p('workbench', 50)),
      note: `${both('workbench')}; the workbench's main thread, which here also runs the webview (same origin)`,
    },
    {
      ...base,
      metric: 'stage 3: workbench -> chat/delta message in the webview (iframe relay)',
      value: per(p('relay', 50)),
      note: both('relay'),
    },
    {
      ...base,
      metric: 'stage 4: chat/delta message -> DOM (pacing, animation frame, render)',
      value: per(p('render', 50)),
      note: `${both('render')}; median gap between DOM updates ${fmt(per((r) => median(r.domUpdateGaps)))} ms, between chat/delta messages ${fmt(per((r) => median(r.messageGaps)))} ms; ${fmt(per((r) => median(r.deltasPerMessage)))} deltas per message (median)`,
    },
    {
      ...base,
      metric: 'deltas seen in the DOM',
      unit: 'count',
      value: runs.reduce((s, r) => s + r.seen, 0),
      baseline: { label: 'deltas sent', value: runs.reduce((s, r) => s + r.markers, 0) },
      note: `missing: ${runs.reduce((s, r) => s + r.markers - r.seen, 0)} (all runs)`,
    },
    {
      ...base,
      metric: 'achieved delta rate (simulator writes)',
      unit: 'deltas/s',
      value: per((r) => r.rate),
      baseline: { label: 'target', value: TARGET_RATE },
      ratio: per((r) => r.rate) / TARGET_RATE,
      note: `per run: ${list((r) => r.rate)}; the simulator schedules a delta every ${TOKEN_DELAY_MS} ms against absolute times (a late timer is made up, up to 50 ms of it)`,
    },
    {
      ...base,
      metric: 'clock offset uncertainty (browser frames vs bench process)',
      value: uncertainty,
      note: `largest of ${clocks.length} calibrations (page and chat frame, before each run): half the tightest of ${CALIBRATION_ROUNDS} evaluate() round trips; offsets ${fmt(Math.min(...offsets))}..${fmt(Math.max(...offsets))} ms; stages that went backwards by more than that: ${backwards}`,
    },
  ];
}

/** TWIN_CHAT_LATENCY_DUMP=<file>: every delta's timeline, for looking at the tail. */
function dump(runs: Run[]): void {
  const file = process.env.TWIN_CHAT_LATENCY_DUMP;
  if (file) fs.writeFileSync(file, JSON.stringify(runs.map((r) => r.deltas)));
}

async function openWorkbench(): Promise<Workbench> {
  const reuse = process.env.TWIN_CHAT_E2E_VSIX;
  process.env.TWIN_CHAT_E2E_VSIX = reuse ?? (await shippedExtension()).vsix;
  try {
    return await Workbench.open({
      files: { 'README.md': '# latency\n' },
      tokenDelayMs: TOKEN_DELAY_MS,
    });
  } finally {
    if (reuse === undefined) delete process.env.TWIN_CHAT_E2E_VSIX;
  }
}

export const run: Benchmark = async ({ quick }) => {
  const size = quick ? QUICK : FULL;
  const wb = await openWorkbench();
  try {
    await prepare(wb);
    const takeFrames = await watchWebSocket(wb);
    await ask(wb, WARM_UP_MARKERS, 'Khởi động', takeFrames); // loads the client, warms the JITs
    const runs: Run[] = [];
    for (let n = 1; n <= size.runs; n++)
      runs.push(await measureRun(wb, size.markers, n, takeFrames));
    dump(runs);
    return rows(
      size,
      runs,
      runs.flatMap((r) => [r.clocks.page, r.clocks.chat]),
    );
  } finally {
    await wb.close();
  }
};

/**
 * --profile: one untraced run with the CPU time of every process on the machine, one under the
 * page's sampling heap profiler, then one under a trace of the workbench page; latencyProfile.ts
 * prints each.
 */
async function profileMain(): Promise<void> {
  const wb = await openWorkbench();
  try {
    await prepare(wb);
    const takeFrames = await watchWebSocket(wb);
    await ask(wb, WARM_UP_MARKERS, 'Khởi động', takeFrames);
    const before = cpuSnapshot();
    const started = now();
    await ask(wb, FULL.markers, 'Đo CPU', takeFrames);
    printProcessCpu(cpuBetween(before, cpuSnapshot()), now() - started, FULL.markers);
    const cdp = await wb.page.context().newCDPSession(wb.page);
    const allocated = await allocationProfiled(cdp, () =>
      ask(wb, FULL.markers, 'Đo bộ nhớ', takeFrames),
    );
    printAllocation(allocated.scripts, allocated.functions);
    const toWall = monotonicToWall();
    const { result, events } = await traced(cdp, PROFILE_CATEGORIES, () =>
      measureRun(wb, FULL.markers, 1, takeFrames),
    );
    const messages = new Set(result.deltas.flatMap((d) => d.posted ?? [])).size;
    printTraceProfile(events, result.deltas, messages, toWall);
  } finally {
    await wb.close();
  }
}

if (require.main === module) {
  if (process.argv.includes('--profile'))
    profileMain().catch((error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    });
  else runStandalone(run);
}
