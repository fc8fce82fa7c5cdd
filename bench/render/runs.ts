// One page each: the answer streamed to the view, rendered once, posted to a request the view does
// not show (the harness floor), and re-rendered whole by the naive renderer (bench/render.ts).
import type { Browser, CDPSession } from 'playwright-core';
import type { HostToWebview } from '../../src/shared/protocol';
import type { ChatPage } from '../../test/webview/harness/chatPage';
import { conversation, message } from '../../test/webview/harness/state';
import { openBenchPage, plus, timed, type BenchPage, type MainThread } from '../lib/chromePage';
import { cpuProfiled, mainThreadBreakdown, TIMELINE_CATEGORIES, traced } from '../lib/trace';
import type { StreamResult } from '../page/shared/api';
import { answer } from './answer';
import type { Schedule } from './schedule';

/** Prefix lengths (as fractions of the answer) at which the naive full re-render is timed. */
const NAIVE_SAMPLES = [0, 0.25, 0.5, 0.75, 1];
export const ANSWER_BODY = '.message[data-message-id="a"] .message-body';

/** A page that has already rendered a short answer with every block type. */
function openPage(browser: Browser, scripts: 'renderStream' | 'naiveRender'): Promise<BenchPage> {
  const warmUp = message('warm-up', 'assistant', answer(3_000));
  return openBenchPage(browser, conversation([warmUp]), [scripts]);
}

function deltaMessages(texts: string[], requestId: string): HostToWebview[] {
  return texts.map((text) => ({ type: 'chat/delta', requestId, text }));
}

async function postScheduled(
  chat: ChatPage,
  schedule: Schedule,
  requestId: string,
  watch: { selector: string; textLength: number } | null,
): Promise<StreamResult> {
  await chat.page.evaluate(
    (messages) => globalThis.benchRenderStream!.load(messages),
    deltaMessages(schedule.texts, requestId),
  );
  return chat.page.evaluate(
    ([times, selector, length]) => globalThis.benchRenderStream!.stream(times, selector, length),
    [schedule.times, watch?.selector ?? null, watch?.textLength ?? 0] as const,
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

export interface Rendered {
  time: MainThread;
  /** Scrolling through the rendered answer once, top to bottom, a screen per frame. */
  scrollThrough: MainThread;
  html: string | null;
  textLength: number;
}

export interface Streamed {
  time: MainThread;
  stream: StreamResult;
  /** The DOM before chat/done (the answer has no late link references) and after it. */
  sameBeforeDone: boolean;
  sameAfterDone: boolean;
}

export async function streamRun(
  browser: Browser,
  schedule: Schedule,
  text: string,
  once: Rendered,
  profile = false,
): Promise<Streamed> {
  const { chat, cdp } = await openPage(browser, 'renderStream');
  try {
    await startAnswer(chat);
    const post = () =>
      postScheduled(chat, schedule, 'r', { selector: ANSWER_BODY, textLength: once.textLength });
    const streaming = await timed(cdp, () => (profile ? profiled(cdp, post) : post()));
    const sameBeforeDone = (await chat.call('messageHtml', 'a')) === once.html;
    const done = await timed(cdp, async () => {
      await chat.send({
        type: 'chat/done',
        requestId: 'r',
        message: message('a', 'assistant', text),
      });
      await chat.settle();
    });
    const sameAfterDone = (await chat.call('messageHtml', 'a')) === once.html;
    return {
      time: plus(streaming.time, done.time),
      stream: streaming.result,
      sameBeforeDone,
      sameAfterDone,
    };
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
export async function floorRun(browser: Browser, schedule: Schedule): Promise<MainThread> {
  const { chat, cdp } = await openPage(browser, 'renderStream');
  try {
    await startAnswer(chat);
    const floor = await timed(cdp, async () => {
      await postScheduled(chat, schedule, 'another-request', null);
      await chat.settle();
    });
    return floor.time;
  } finally {
    await chat.close();
  }
}

export async function onceRun(browser: Browser, text: string): Promise<Rendered> {
  const { chat, cdp } = await openPage(browser, 'renderStream');
  try {
    await chat.send({ type: 'conversation/show', conversation: conversation([]) });
    await chat.settle();
    const once = await timed(cdp, async () => {
      await chat.send({
        type: 'conversation/show',
        conversation: conversation([message('a', 'assistant', text)]),
      });
      await chat.settle();
    });
    const textLength = await chat.page.evaluate(
      (selector) => globalThis.benchRenderStream!.textLength(selector),
      ANSWER_BODY,
    );
    const html = await chat.call('messageHtml', 'a');
    const scrolled = await timed(cdp, async () => {
      await chat.page.evaluate(() => globalThis.benchRenderStream!.scrollThrough());
      await chat.settle();
    });
    return { time: once.time, scrollThrough: scrolled.time, html, textLength };
  } finally {
    await chat.close();
  }
}

export interface NaiveEstimate {
  totalMs: number;
  samples: string;
}

/** Naive total over all deltas: per-delta cost sampled at a few lengths, integrated. */
export async function naiveEstimate(
  browser: Browser,
  text: string,
  deltas: string[],
  repeats: number,
): Promise<NaiveEstimate> {
  const { chat } = await openPage(browser, 'naiveRender');
  try {
    const costs: [number, number][] = [];
    for (const fraction of NAIVE_SAMPLES) {
      const length = Math.max(1, Math.round(text.length * fraction));
      const ms = await chat.page.evaluate(
        ([prefix, r]) => globalThis.benchNaiveRender!.render(prefix, r),
        [text.slice(0, length), repeats] as const,
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
