// Rendering benchmark for the chat webview, in Debian's Chromium on the BUILT bundle.
//   npm run bench:render            (or node out/bench/render.js [--quick])
// Streams a ~200 KB markdown answer in 20,000 deltas and reports the webview's main-thread time
// (CDP Performance.getMetrics TaskDuration: everything the page's main thread did, including
// style, layout, paint and commit) against rendering the same answer once, and against a naive
// renderer that re-runs markdown-it + DOMPurify over the whole accumulated text for every delta.
//
// The deltas are posted from inside the page on a timer, the way VS Code delivers the host's
// postMessage calls, so the harness adds no work of its own to every frame (an earlier version
// drove each batch over CDP and waited for an animation frame per batch, which forced a frame and
// a DevTools round trip per batch). What posting alone costs is measured too ("harness floor"),
// and so is rendering once and then scrolling through the answer, which lays out and paints every
// block the way a stream has to (the one-shot render skips what is off-screen).
// `node out/bench/render.js --profile` instead streams once under a trace and V8's profiler and
// prints where the main thread's time went: the profile the notes on this bench are based on.
import type { Browser, CDPSession } from 'playwright-core';
import type { HostToWebview } from '../src/shared/protocol';
import { launchChromium } from '../test/webview/harness/browser';
import { ChatPage, splitInto } from '../test/webview/harness/chatPage';
import { conversation, message, viewState } from '../test/webview/harness/state';
import { runBundledInPage } from './pageScript';
import { median, type Benchmark, type BenchRow } from './result';
import { runStandalone } from './standalone';
import { cpuProfiled, mainThreadBreakdown, TIMELINE_CATEGORIES, traced } from './trace';

const FULL = { bytes: 200_000, deltas: 20_000, runs: 5, naiveRepeats: 3 };
const QUICK = { bytes: 20_000, deltas: 2_000, runs: 1, naiveRepeats: 1 };
type Size = typeof FULL;

/** The host coalesces deltas for ~30 ms; at ~1,000 deltas/s that is 30 deltas per message. */
const DELTAS_PER_BATCH = 30;
/** One host message per display frame: faster than the host's 30 ms, so a harder case. */
const TICK_MS = 1000 / 60;
/** For the one-message-per-delta run: how many messages arrive per tick. */
const MESSAGES_PER_TICK = 200;
/** Prefix lengths (as fractions of the answer) at which the naive full re-render is timed. */
const NAIVE_SAMPLES = [0, 0.25, 0.5, 0.75, 1];
/** After the last delta: how long to wait for the answer's DOM to be complete. */
const GIVE_UP_MS = 10_000;
const ANSWER_BODY = '.message[data-message-id="a"] .message-body';

function section(i: number): string {
  return [
    `## Part ${i}: notes on the design\n`,
    `This paragraph explains **part ${i}** with \`inline code\`, a [link](https://example.com/${i}) and some *emphasis*. `.repeat(
      3,
    ) + '\n',
    `- first point about ${i}\n- second point, a little longer than the first\n- third point\n`,
    '```ts\n' +
      `export function part${i}(input: string): number {\n  const words = input.split(/\\s+/);\n  return words.length * ${i};\n}\n` +
      '```\n',
    `| key | value |\n|---|--:|\n| alpha | ${i} |\n| beta | ${i * 2} |\n`,
    `> A quotation for part ${i}.\n`,
  ].join('\n');
}

function answer(targetBytes: number): string {
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < targetBytes && i < 10_000; i++) {
    const next = section(i);
    parts.push(next);
    size += next.length;
  }
  return parts.join('\n');
}

/** Main-thread time so far: TaskDuration (wall time of its tasks) and ThreadTime (CPU time). */
interface MainThread {
  taskMs: number;
  cpuMs: number;
}

async function mainThread(cdp: CDPSession): Promise<MainThread> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  const value = (name: string): number => metrics.find((m) => m.name === name)?.value ?? 0;
  return { taskMs: value('TaskDuration') * 1000, cpuMs: value('ThreadTime') * 1000 };
}

function since(before: MainThread, after: MainThread): MainThread {
  return { taskMs: after.taskMs - before.taskMs, cpuMs: after.cpuMs - before.cpuMs };
}

function plus(a: MainThread, b: MainThread): MainThread {
  return { taskMs: a.taskMs + b.taskMs, cpuMs: a.cpuMs + b.cpuMs };
}

/**
 * A fresh page (own browser context) with the view initialised and CDP metrics on. It has already
 * rendered a short answer with every block type, so what is measured afterwards is rendering, not
 * the one-off cost of compiling the libraries and highlight.js grammars, which both the streamed
 * and the one-shot figure would otherwise include.
 */
async function openPage(browser: Browser): Promise<{ chat: ChatPage; cdp: CDPSession }> {
  const chat = await ChatPage.open(browser);
  const cdp = await chat.page.context().newCDPSession(chat.page);
  await cdp.send('Performance.enable');
  await chat.init(viewState());
  const warmUp = message('warm-up', 'assistant', answer(3_000));
  await chat.send({ type: 'conversation/show', conversation: conversation([warmUp]) });
  await chat.send({ type: 'conversation/show', conversation: conversation([]) });
  await chat.settle();
  return { chat, cdp };
}

// Runs in the page: posts window.__benchMessages, `perTick` at a time every `tickMs`, as VS Code
// would deliver them. Then, if given a selector, waits until that element's text has reached
// `expectedLength` (the one-shot render's) and reports when its DOM last changed.
// Plain JavaScript: the bench's tsconfig has no DOM library.
const DRIVER = String.raw`
globalThis.__benchStream = (perTick, tickMs, watchSelector, expectedLength) => new Promise((resolve) => {
  const messages = globalThis.__benchMessages;
  const start = performance.now();
  let sent = 0, tick = 0, maxLateMs = 0;
  const finish = () => {
    const lastPost = performance.now();
    const target = watchSelector ? document.querySelector(watchSelector) : null;
    if (!target) return resolve({ wallMs: lastPost - start, maxLateMs, backlogMs: 0, complete: true });
    let lastChange = lastPost;
    const observer = new MutationObserver(() => { lastChange = performance.now(); });
    observer.observe(target, { childList: true, subtree: true, characterData: true });
    const check = () => {
      const complete = target.textContent.length >= expectedLength;
      if (!complete && performance.now() - lastPost < ${GIVE_UP_MS}) return setTimeout(check, 20);
      observer.disconnect();
      resolve({ wallMs: lastPost - start, maxLateMs, backlogMs: lastChange - lastPost, complete });
    };
    check();
  };
  const step = () => {
    maxLateMs = Math.max(maxLateMs, performance.now() - (start + tick * tickMs));
    for (let i = 0; i < perTick && sent < messages.length; i++) window.postMessage(messages[sent++], '*');
    tick++;
    if (sent >= messages.length) return finish();
    setTimeout(step, Math.max(0, start + tick * tickMs - performance.now()));
  };
  step();
});`;

interface StreamResult {
  wallMs: number;
  maxLateMs: number;
  backlogMs: number;
  /** The answer's text reached its full length before GIVE_UP_MS. */
  complete: boolean;
}

type StreamDriver = (
  perTick: number,
  tickMs: number,
  watch: string | null,
  expectedLength: number,
) => Promise<StreamResult>;

async function postPaced(
  chat: ChatPage,
  messages: HostToWebview[],
  perTick: number,
  watch: { selector: string; textLength: number } | null,
): Promise<StreamResult> {
  await chat.page.evaluate(DRIVER);
  await chat.page.evaluate((m) => {
    (globalThis as unknown as { __benchMessages: unknown }).__benchMessages = m;
  }, messages);
  return chat.page.evaluate(
    ([p, t, w, n]) =>
      (globalThis as unknown as { __benchStream: StreamDriver }).__benchStream(p, t, w, n),
    [perTick, TICK_MS, watch?.selector ?? null, watch?.textLength ?? 0] as [
      number,
      number,
      string | null,
      number,
    ],
  );
}

async function startAnswer(chat: ChatPage): Promise<void> {
  await chat.send({ type: 'conversation/show', conversation: conversation([]) });
  await chat.send({
    type: 'chat/started',
    requestId: 'r',
    userMessage: message('u', 'user', 'q'),
    assistantMessage: message('a', 'assistant', '', { status: 'streaming' }),
  });
  await chat.settle();
}

function deltaMessages(texts: string[], requestId = 'r'): HostToWebview[] {
  return texts.map((text) => ({ type: 'chat/delta', requestId, text }));
}

function batches(deltas: string[], size: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < deltas.length; i += size) out.push(deltas.slice(i, i + size).join(''));
  return out;
}

interface Streamed {
  time: MainThread;
  stream: StreamResult;
  /** The DOM before chat/done (the answer has no late link references) and after it. */
  sameBeforeDone: boolean;
  sameAfterDone: boolean;
}

async function streamRun(
  browser: Browser,
  texts: string[],
  perTick: number,
  text: string,
  once: Rendered,
  profile = false,
): Promise<Streamed> {
  const { chat, cdp } = await openPage(browser);
  try {
    await startAnswer(chat);
    const t0 = await mainThread(cdp);
    const post = () =>
      postPaced(chat, deltaMessages(texts), perTick, {
        selector: ANSWER_BODY,
        textLength: once.textLength,
      });
    const stream = profile ? await profiled(cdp, post) : await post();
    const streaming = since(t0, await mainThread(cdp));
    const sameBeforeDone = (await chat.call('messageHtml', 'a')) === once.html;
    const t1 = await mainThread(cdp);
    await chat.send({
      type: 'chat/done',
      requestId: 'r',
      message: message('a', 'assistant', text),
    });
    await chat.settle();
    const done = since(t1, await mainThread(cdp));
    const sameAfterDone = (await chat.call('messageHtml', 'a')) === once.html;
    return { time: plus(streaming, done), stream, sameBeforeDone, sameAfterDone };
  } finally {
    await chat.close();
  }
}

/** Runs `work` under a trace and prints the largest items of the main thread's time. */
async function profiled<T>(cdp: CDPSession, work: () => Promise<T>): Promise<T> {
  const {
    result: { result, events },
    functions,
  } = await cpuProfiled(cdp, () => traced(cdp, TIMELINE_CATEGORIES, work));
  const breakdown = mainThreadBreakdown(events);
  const total = breakdown.reduce((sum, item) => sum + item.ms, 0);
  console.log(`main thread while streaming (traced): ${total.toFixed(0)} ms, self time by event:`);
  for (const { name, ms } of breakdown.slice(0, 15)) {
    console.log(`  ${name.padEnd(48)} ${ms.toFixed(1).padStart(8)} ms`);
  }
  console.log('JavaScript self time by function (sampled):');
  for (const { name, ms } of functions.slice(0, 25)) {
    console.log(`  ${name.padEnd(48)} ${ms.toFixed(1).padStart(8)} ms`);
  }
  return result;
}

/** Posting the same batches for a request the view does not show: what the harness costs. */
async function floorRun(browser: Browser, texts: string[]): Promise<MainThread> {
  const { chat, cdp } = await openPage(browser);
  try {
    await startAnswer(chat);
    const t0 = await mainThread(cdp);
    await postPaced(chat, deltaMessages(texts, 'another-request'), 1, null);
    await chat.settle();
    return since(t0, await mainThread(cdp));
  } finally {
    await chat.close();
  }
}

interface Rendered {
  time: MainThread;
  /** Scrolling through the rendered answer once, top to bottom, a screen per frame. */
  scrollThrough: MainThread;
  html: string | null;
  textLength: number;
}

// Off-screen parts of the one-shot render are never laid out or painted (content-visibility),
// while a stream lays out and paints every block as it arrives at the bottom of the view. Scrolling
// through the one-shot render once makes the browser do that work too, for a second baseline.
const SCROLL_THROUGH = `new Promise((resolve) => {
  const t = document.querySelector('.transcript');
  t.scrollTop = 0;
  const step = () => {
    if (t.scrollTop + t.clientHeight >= t.scrollHeight - 1) return resolve(undefined);
    t.scrollTop += t.clientHeight;
    requestAnimationFrame(step);
  };
  requestAnimationFrame(step);
})`;

async function onceRun(browser: Browser, text: string): Promise<Rendered> {
  const { chat, cdp } = await openPage(browser);
  try {
    await chat.send({ type: 'conversation/show', conversation: conversation([]) });
    await chat.settle();
    const t0 = await mainThread(cdp);
    await chat.send({
      type: 'conversation/show',
      conversation: conversation([message('a', 'assistant', text)]),
    });
    await chat.settle();
    const time = since(t0, await mainThread(cdp));
    const textLength = await chat.page.evaluate<number>(
      `document.querySelector('${ANSWER_BODY}').textContent.length`,
    );
    const html = await chat.call('messageHtml', 'a');
    const t1 = await mainThread(cdp);
    await chat.page.evaluate(SCROLL_THROUGH);
    await chat.settle();
    const scrollThrough = since(t1, await mainThread(cdp));
    return { time, scrollThrough, html, textLength };
  } finally {
    await chat.close();
  }
}

/** The naive renderer, built from the webview's own markdown and sanitizer modules. */
async function installNaive(chat: ChatPage): Promise<void> {
  await runBundledInPage(
    chat.page,
    `
        import { createMarkdown } from './src/webview-ui/markdown/renderer';
        import { sanitizeToFragment } from './src/webview-ui/markdown/sanitize';
        const md = createMarkdown();
        const host = document.createElement('div');
        document.body.append(host);
        // Time of one full re-render of 'text', in ms, averaged over 'repeats'.
        globalThis.__naiveRender = (text, repeats) => {
          const start = performance.now();
          for (let i = 0; i < repeats; i++) {
            host.replaceChildren(sanitizeToFragment(md.render(text)));
            void host.offsetHeight; // include layout, as a real per-delta re-render would pay it
          }
          host.replaceChildren();
          return (performance.now() - start) / repeats;
        };`,
  );
}

/** Naive total over all deltas: per-delta cost sampled at a few lengths, integrated. */
async function naiveEstimate(
  browser: Browser,
  text: string,
  deltas: string[],
  repeats: number,
): Promise<{ totalMs: number; samples: string }> {
  const { chat } = await openPage(browser);
  try {
    await installNaive(chat);
    const costs: [number, number][] = [];
    for (const fraction of NAIVE_SAMPLES) {
      const length = Math.max(1, Math.round(text.length * fraction));
      const ms = await chat.page.evaluate(
        ([t, r]) =>
          (globalThis as unknown as { __naiveRender(t: string, r: number): number }).__naiveRender(
            t,
            r,
          ),
        [text.slice(0, length), repeats] as [string, number],
      );
      costs.push([length, ms]);
    }
    let total = 0;
    let length = 0;
    for (const delta of deltas) {
      length += delta.length;
      total += interpolate(costs, length);
    }
    const samples = costs
      .map(([l, ms]) => `${(l / 1000).toFixed(0)} KB: ${ms.toFixed(1)} ms`)
      .join(', ');
    return { totalMs: total, samples };
  } finally {
    await chat.close();
  }
}

function interpolate(points: [number, number][], x: number): number {
  for (let i = 1; i < points.length; i++) {
    const [x0, y0] = points[i - 1]!;
    const [x1, y1] = points[i]!;
    if (x <= x1) return y0 + ((y1 - y0) * (x - x0)) / Math.max(1, x1 - x0);
  }
  return points[points.length - 1]![1];
}

interface Runs {
  once: MainThread[];
  onceAndScroll: MainThread[];
  batched: Streamed[];
  perDelta: Streamed[];
  floor: MainThread[];
}

async function measureRuns(browser: Browser, size: Size, text: string): Promise<Runs> {
  const deltas = splitInto(text, size.deltas);
  const hostBatches = batches(deltas, DELTAS_PER_BATCH);
  const runs: Runs = { once: [], onceAndScroll: [], batched: [], perDelta: [], floor: [] };
  for (let i = 0; i < size.runs; i++) {
    const once = await onceRun(browser, text);
    runs.once.push(once.time);
    runs.onceAndScroll.push(plus(once.time, once.scrollThrough));
    runs.batched.push(await streamRun(browser, hostBatches, 1, text, once));
    runs.perDelta.push(await streamRun(browser, deltas, MESSAGES_PER_TICK, text, once));
    runs.floor.push(await floorRun(browser, hostBatches));
  }
  return runs;
}

const task = (values: MainThread[]): number => median(values.map((v) => v.taskMs));
const cpu = (values: MainThread[]): number => median(values.map((v) => v.cpuMs));

function streamRow(
  metric: string,
  streamed: Streamed[],
  runs: Runs,
  extra: Partial<BenchRow>,
): BenchRow {
  const value = task(streamed.map((s) => s.time));
  const once = task(runs.once);
  const cpuRatio = cpu(streamed.map((s) => s.time)) / cpu(runs.once);
  return {
    bench: 'render',
    metric,
    value,
    unit: 'ms',
    baseline: { label: 'render the final text once', value: once },
    ratio: value / once,
    runs: streamed.length,
    ...extra,
    note: [extra.note, `CPU time (CDP ThreadTime) ratio ${cpuRatio.toFixed(1)}x`]
      .filter(Boolean)
      .join('; '),
  };
}

function rows(
  size: Size,
  text: string,
  runs: Runs,
  naive: { totalMs: number; samples: string },
): BenchRow[] {
  const what = `${(text.length / 1000).toFixed(0)} KB answer in ${size.deltas} deltas`;
  const batchCount = Math.ceil(size.deltas / DELTAS_PER_BATCH);
  const all = [...runs.batched, ...runs.perDelta];
  const mismatches = all.filter((s) => !s.sameAfterDone).length;
  const beforeDone = all.filter((s) => !s.sameBeforeDone).length;
  const incomplete = runs.batched.filter((s) => !s.stream.complete).length;
  const once = task(runs.once);
  return [
    streamRow(
      `stream a ${what}, host batches (${batchCount} chat/delta, one per 16.7 ms): main-thread time`,
      runs.batched,
      runs,
      {
        budget: { limit: 3, kind: 'max', on: 'ratio' },
        note: `harness floor (posting the same messages, nothing rendered): ${task(runs.floor).toFixed(0)} ms; ${(task(runs.batched.map((s) => s.time)) / task(runs.onceAndScroll)).toFixed(1)}x "render once and scroll through it"`,
      },
    ),
    streamRow(
      `stream a ${what}, one chat/delta per delta (${MESSAGES_PER_TICK} per 16.7 ms): main-thread time`,
      runs.perDelta,
      runs,
      {},
    ),
    {
      bench: 'render',
      metric: `naive full re-render per delta (markdown-it + DOMPurify + layout of the whole text), ${what}`,
      value: naive.totalMs,
      unit: 'ms',
      baseline: { label: 'render the final text once', value: once },
      ratio: naive.totalMs / once,
      runs: 1,
      note: `EXTRAPOLATED, not run in full (O(n^2)): timed at ${naive.samples}, summed over every delta; ${(naive.totalMs / task(runs.batched.map((s) => s.time))).toFixed(0)}x the batched stream`,
    },
    {
      bench: 'render',
      metric: `render the final text once and scroll through it (lays out and paints every block, as a stream must)`,
      value: task(runs.onceAndScroll),
      unit: 'ms',
      baseline: { label: 'render the final text once', value: once },
      ratio: task(runs.onceAndScroll) / once,
      runs: runs.onceAndScroll.length,
      note: 'a second baseline for the streamed figures: the one-shot render skips off-screen layout and paint (content-visibility)',
    },
    {
      bench: 'render',
      metric: 'backlog: last delta posted → answer DOM complete (host batches)',
      value: median(runs.batched.map((s) => s.stream.backlogMs)),
      unit: 'ms',
      runs: runs.batched.length,
      note: `complete = the answer's text has its full length; ${incomplete} of ${runs.batched.length} runs not complete after ${GIVE_UP_MS / 1000} s; stream wall time ${median(runs.batched.map((s) => s.stream.wallMs)).toFixed(0)} ms for a nominal ${(batchCount * TICK_MS).toFixed(0)} ms; posting timer late by at most ${median(runs.batched.map((s) => s.stream.maxLateMs)).toFixed(0)} ms (median of the per-run maxima)`,
    },
    {
      bench: 'render',
      metric: 'streamed answers whose final DOM differs from the render-once DOM',
      value: mismatches,
      unit: 'count',
      budget: { limit: 0, kind: 'max', on: 'value' },
      runs: all.length,
      note: `compared after chat/done; before chat/done ${beforeDone} of ${all.length} differed (the answer has no late link references, so it should already match)`,
    },
  ];
}

export const run: Benchmark = async ({ quick }) => {
  const size = quick ? QUICK : FULL;
  const text = answer(size.bytes);
  const browser = await launchChromium();
  try {
    const runs = await measureRuns(browser, size, text);
    const deltas = splitInto(text, size.deltas);
    const naive = await naiveEstimate(browser, text, deltas, size.naiveRepeats);
    return rows(size, text, runs, naive);
  } finally {
    await browser.close();
  }
};

/** --profile: one host-batched stream of the full answer as measured, then one traced. */
async function profileMain(): Promise<void> {
  const text = answer(FULL.bytes);
  const browser = await launchChromium();
  try {
    const once = await onceRun(browser, text);
    const hostBatches = batches(splitInto(text, FULL.deltas), DELTAS_PER_BATCH);
    const plain = await streamRun(browser, hostBatches, 1, text, once);
    console.log(
      `main-thread time: stream ${plain.time.taskMs.toFixed(0)} ms, render once ${once.time.taskMs.toFixed(0)} ms, ratio ${(plain.time.taskMs / once.time.taskMs).toFixed(2)}x`,
    );
    await streamRun(browser, hostBatches, 1, text, once, true);
  } finally {
    await browser.close();
  }
}

if (require.main === module) {
  if (process.argv.includes('--profile')) {
    profileMain().catch((error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    });
  } else runStandalone(run);
}
