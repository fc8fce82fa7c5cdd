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
import { hostSchedule, type HostPost } from './hostSchedule';
import { runStandalone } from './standalone';
import { cpuProfiled, mainThreadBreakdown, TIMELINE_CATEGORIES, traced } from './trace';

const FULL = { bytes: 200_000, deltas: 20_000, runs: 5, naiveRepeats: 3 };
const QUICK = { bytes: 20_000, deltas: 2_000, runs: 1, naiveRepeats: 1 };
type Size = typeof FULL;

/**
 * A harder case than the issue's: a stream that keeps the view busy for 11 s, one host message of
 * 30 deltas per display frame (1,800 deltas/s), so every frame has new text to draw.
 */
const SUSTAINED_DELTAS_PER_MESSAGE = 30;
const FRAME_MS = 1000 / 60;
/** For the one-message-per-delta run: how many messages arrive per frame. */
const MESSAGES_PER_FRAME = 200;
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

// Runs in the page: posts window.__benchMessages, message i at `times[i]` ms after the start, as
// VS Code would deliver the host's messages. Then, if given a selector, waits until that element's
// text has reached `expectedLength` (the one-shot render's) and reports when its DOM last changed.
// Plain JavaScript: the bench's tsconfig has no DOM library.
const DRIVER = String.raw`
globalThis.__benchStream = (times, watchSelector, expectedLength) => new Promise((resolve) => {
  const messages = globalThis.__benchMessages;
  const start = performance.now();
  let sent = 0, maxLateMs = 0;
  const finish = () => {
    const lastPost = performance.now();
    const target = watchSelector ? document.querySelector(watchSelector) : null;
    if (!target) return resolve({ maxLateMs, backlogMs: 0, complete: true });
    let lastChange = lastPost;
    const observer = new MutationObserver(() => { lastChange = performance.now(); });
    observer.observe(target, { childList: true, subtree: true, characterData: true });
    const check = () => {
      const complete = target.textContent.length >= expectedLength;
      if (!complete && performance.now() - lastPost < ${GIVE_UP_MS}) return setTimeout(check, 20);
      observer.disconnect();
      resolve({ maxLateMs, backlogMs: lastChange - lastPost, complete });
    };
    check();
  };
  const step = () => {
    const now = performance.now() - start;
    while (sent < messages.length && times[sent] <= now) {
      maxLateMs = Math.max(maxLateMs, now - times[sent]);
      window.postMessage(messages[sent++], '*');
    }
    if (sent >= messages.length) return finish();
    setTimeout(step, Math.max(0, times[sent] - (performance.now() - start)));
  };
  step();
});`;

interface StreamResult {
  maxLateMs: number;
  backlogMs: number;
  /** The answer's text reached its full length before GIVE_UP_MS. */
  complete: boolean;
}

type StreamDriver = (
  times: number[],
  watch: string | null,
  expectedLength: number,
) => Promise<StreamResult>;

/** The host's chat/delta texts and when each is posted (ms after the first). */
interface Schedule {
  texts: string[];
  times: number[];
}

/** `perFrame` messages at the start of every display frame. */
function everyFrame(texts: string[], perFrame: number): Schedule {
  return { texts, times: texts.map((_, i) => Math.floor(i / perFrame) * FRAME_MS) };
}

/** The answer's deltas, grouped and timed as the extension posted them (bench/hostSchedule.ts). */
function asPosted(deltas: string[], posts: HostPost[]): Schedule {
  const texts: string[] = [];
  let next = 0;
  for (const post of posts) {
    texts.push(deltas.slice(next, next + post.deltas).join(''));
    next += post.deltas;
  }
  return { texts, times: posts.map((p) => p.atMs) };
}

async function postScheduled(
  chat: ChatPage,
  schedule: Schedule,
  requestId: string,
  watch: { selector: string; textLength: number } | null,
): Promise<StreamResult> {
  await chat.page.evaluate(DRIVER);
  await chat.page.evaluate(
    (m) => {
      (globalThis as unknown as { __benchMessages: unknown }).__benchMessages = m;
    },
    deltaMessages(schedule.texts, requestId),
  );
  return chat.page.evaluate(
    ([t, w, n]) =>
      (globalThis as unknown as { __benchStream: StreamDriver }).__benchStream(t, w, n),
    [schedule.times, watch?.selector ?? null, watch?.textLength ?? 0] as [
      number[],
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
  schedule: Schedule,
  text: string,
  once: Rendered,
  profile = false,
): Promise<Streamed> {
  const { chat, cdp } = await openPage(browser);
  try {
    await startAnswer(chat);
    const t0 = await mainThread(cdp);
    const post = () =>
      postScheduled(chat, schedule, 'r', {
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
  printTop(
    `main thread while streaming (traced): ${total.toFixed(0)} ms, self time by event:`,
    breakdown,
    15,
  );
  printTop('JavaScript self time by function (sampled):', functions, 25);
  return result;
}

function printTop(title: string, items: { name: string; ms: number }[], count: number): void {
  console.log(title);
  for (const { name, ms } of items.slice(0, count)) {
    console.log(`  ${name.padEnd(48)} ${ms.toFixed(1).padStart(8)} ms`);
  }
}

/** Posting the same batches for a request the view does not show: what the harness costs. */
async function floorRun(browser: Browser, schedule: Schedule): Promise<MainThread> {
  const { chat, cdp } = await openPage(browser);
  try {
    await startAnswer(chat);
    const t0 = await mainThread(cdp);
    await postScheduled(chat, schedule, 'another-request', null);
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
  /** As fast as the simulator sends, grouped and timed as the extension posted it. */
  fast: Streamed[];
  sustained: Streamed[];
  perDelta: Streamed[];
  fastFloor: MainThread[];
  sustainedFloor: MainThread[];
}

interface Schedules {
  fast: Schedule;
  sustained: Schedule;
  perDelta: Schedule;
}

function schedules(deltas: string[], posts: HostPost[]): Schedules {
  return {
    fast: asPosted(deltas, posts),
    sustained: everyFrame(batches(deltas, SUSTAINED_DELTAS_PER_MESSAGE), 1),
    perDelta: everyFrame(deltas, MESSAGES_PER_FRAME),
  };
}

async function measureRuns(
  browser: Browser,
  size: Size,
  text: string,
  plan: Schedules,
): Promise<Runs> {
  const runs: Runs = {
    once: [],
    onceAndScroll: [],
    fast: [],
    sustained: [],
    perDelta: [],
    fastFloor: [],
    sustainedFloor: [],
  };
  for (let i = 0; i < size.runs; i++) {
    const once = await onceRun(browser, text);
    runs.once.push(once.time);
    runs.onceAndScroll.push(plus(once.time, once.scrollThrough));
    runs.fast.push(await streamRun(browser, plan.fast, text, once));
    runs.sustained.push(await streamRun(browser, plan.sustained, text, once));
    runs.perDelta.push(await streamRun(browser, plan.perDelta, text, once));
    runs.fastFloor.push(await floorRun(browser, plan.fast));
    runs.sustainedFloor.push(await floorRun(browser, plan.sustained));
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
  plan: Schedules,
  runs: Runs,
  naive: { totalMs: number; samples: string },
): BenchRow[] {
  const what = `${(text.length / 1000).toFixed(0)} KB answer in ${size.deltas} deltas`;
  const all = [...runs.fast, ...runs.sustained, ...runs.perDelta];
  const mismatches = all.filter((s) => !s.sameAfterDone).length;
  const beforeDone = all.filter((s) => !s.sameBeforeDone).length;
  const once = task(runs.once);
  const fastMs = plan.fast.times.at(-1) ?? 0;
  const fastRate = fastMs > 0 ? (size.deltas / fastMs) * 1000 : Infinity;
  const vsScroll = (streamed: Streamed[]): string =>
    `${(task(streamed.map((s) => s.time)) / task(runs.onceAndScroll)).toFixed(1)}x "render once and scroll through it"`;
  const incomplete = runs.fast.filter((s) => !s.stream.complete).length;
  return [
    streamRow(
      `stream a ${what} as fast as the simulator sends them (simulator → network client → coalescer: ${plan.fast.texts.length} chat/delta in ${fastMs.toFixed(0)} ms): main-thread time`,
      runs.fast,
      runs,
      {
        budget: { limit: 3, kind: 'max', on: 'ratio' },
        note: `replays the messages as the real client and DeltaCoalescer posted them (${fastRate.toFixed(0)} deltas/s); harness floor (posting the same messages, nothing rendered): ${task(runs.fastFloor).toFixed(0)} ms; ${vsScroll(runs.fast)}`,
      },
    ),
    streamRow(
      `stream a ${what}, sustained: one chat/delta of ${SUSTAINED_DELTAS_PER_MESSAGE} deltas per frame for ${((plan.sustained.texts.length * FRAME_MS) / 1000).toFixed(1)} s: main-thread time`,
      runs.sustained,
      runs,
      {
        note: `harder than the issue's case: new text in every frame, and every frame is redrawn (new text is on screen within a frame); harness floor: ${task(runs.sustainedFloor).toFixed(0)} ms; ${vsScroll(runs.sustained)}`,
      },
    ),
    streamRow(
      `stream a ${what}, one chat/delta per delta (${MESSAGES_PER_FRAME} per 16.7 ms): main-thread time`,
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
      note: `EXTRAPOLATED, not run in full (O(n^2)): timed at ${naive.samples}, summed over every delta; ${(naive.totalMs / task(runs.fast.map((s) => s.time))).toFixed(0)}x the stream as fast as the simulator sends`,
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
      metric: 'backlog: last delta posted → answer DOM complete (as fast as the simulator sends)',
      value: median(runs.fast.map((s) => s.stream.backlogMs)),
      unit: 'ms',
      runs: runs.fast.length,
      note: `complete = the answer's text has its full length; ${incomplete} of ${runs.fast.length} runs not complete after ${GIVE_UP_MS / 1000} s; posting late by at most ${median(runs.fast.map((s) => s.stream.maxLateMs)).toFixed(0)} ms (median of the per-run maxima); sustained stream: ${median(runs.sustained.map((s) => s.stream.backlogMs)).toFixed(0)} ms`,
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
  const deltas = splitInto(text, size.deltas);
  const plan = schedules(deltas, await hostSchedule(size.deltas));
  const browser = await launchChromium();
  try {
    const runs = await measureRuns(browser, size, text, plan);
    const naive = await naiveEstimate(browser, text, deltas, size.naiveRepeats);
    return rows(size, text, plan, runs, naive);
  } finally {
    await browser.close();
  }
};

/**
 * --profile [sustained]: one stream of the full answer as the extension posts it at the
 * simulator's full speed (or the sustained case), measured, then the same stream traced.
 */
async function profileMain(which: keyof Schedules): Promise<void> {
  const text = answer(FULL.bytes);
  const schedule = schedules(splitInto(text, FULL.deltas), await hostSchedule(FULL.deltas))[which];
  const browser = await launchChromium();
  try {
    const once = await onceRun(browser, text);
    const plain = await streamRun(browser, schedule, text, once);
    console.log(
      `${which}: ${schedule.texts.length} messages in ${(schedule.times.at(-1) ?? 0).toFixed(0)} ms; main-thread time: stream ${plain.time.taskMs.toFixed(0)} ms, render once ${once.time.taskMs.toFixed(0)} ms, ratio ${(plain.time.taskMs / once.time.taskMs).toFixed(2)}x`,
    );
    await streamRun(browser, schedule, text, once, true);
  } finally {
    await browser.close();
  }
}

if (require.main === module) {
  if (process.argv.includes('--profile')) {
    profileMain(process.argv.includes('sustained') ? 'sustained' : 'fast').catch(
      (error: unknown) => {
        console.error(error);
        process.exitCode = 1;
      },
    );
  } else runStandalone(run);
}
