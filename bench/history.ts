// Long-history benchmark for the chat webview, in Debian's Chromium on the BUILT bundle.
//   npm run bench:history            (or node out/bench/history.js [--quick])
// Opens a conversation of 2,000 realistic messages (prose, lists, code blocks, tables) the way the
// host does (one conversation/show message), times it from posting to the first frame painted
// with the conversation shown, then scrolls up through it and reads frame rate and dropped frames
// from Chromium's own frame reporting (CDP tracing, PipelineReporter events: the ones DevTools'
// frames track is drawn from). Reports JS heap and DOM size after opening. Baselines from the same
// run: opening a 20-message conversation, and rendering all 2,000 messages eagerly.
import type { Browser, CDPSession } from 'playwright-core';
import type { ConversationView, MessageView } from '../src/shared/protocol';
import { ChatPage } from '../test/webview/harness/chatPage';
import { launchChromium } from '../test/webview/harness/browser';
import { conversation, message, viewState } from '../test/webview/harness/state';
import { runBundledInPage } from './pageScript';
import { median, type Benchmark, type BenchRow } from './result';
import { runStandalone } from './standalone';
import { traced, type TraceEvent } from './trace';

const FULL = { messages: 2_000, runs: 5, scrollFrames: 360, wheelNotches: 120 };
const QUICK = { messages: 200, runs: 1, scrollFrames: 60, wheelNotches: 20 };
type Size = typeof FULL;
const SMALL_CONVERSATION = 20;
/** Scrolling up by this much per frame is a brisk fling: 3,600 px/s. */
const SCROLL_STEP_PX = 60;
const WHEEL_NOTCH_PX = 120;
const VSYNC_MS = 1000 / 60;

// ---- A realistic conversation -------------------------------------------------------------------

const QUESTIONS = [
  'How do I debounce a function in TypeScript?',
  'Why does my `useEffect` run twice in development?',
  'Can you compare these three approaches and tell me which one scales?',
  'Explain the difference between `Promise.all` and `Promise.allSettled`, with an example.',
  'What does this error mean: `TypeError: Cannot read properties of undefined (reading "map")`?',
  'Write a SQL query that finds the top 5 customers by revenue per month.',
];

function code(i: number, lines: number): string {
  const body = Array.from(
    { length: lines },
    (_, l) =>
      `  const value${l} = items.filter((item) => item.score > ${l + i}).length; // step ${l}`,
  );
  return [
    '```ts',
    `export function summarise${i}(items: Item[]): number {`,
    ...body,
    '  return 0;',
    '}',
    '```',
  ].join('\n');
}

function table(i: number, rows: number): string {
  const lines = ['| approach | latency (ms) | memory | notes |', '|---|--:|--:|---|'];
  for (let r = 0; r < rows; r++)
    lines.push(
      `| option ${r + 1} | ${(i * 7 + r * 13) % 400} | ${(r + 1) * 12} MB | fine for ${r + 2}x load |`,
    );
  return lines.join('\n');
}

function assistantText(i: number): string {
  const intro = `Here is how I would approach it (answer ${i}). The short version: keep the **hot path** small, measure before optimising, and prefer \`const\` bindings.`;
  switch (i % 5) {
    case 0:
      return `${intro}\n\n- First, check the inputs.\n- Then, cache what is expensive.\n- Finally, [read the docs](https://example.com/docs/${i}).\n\nThat usually covers it.`;
    case 1:
      return `${intro}\n\n${code(i, 12 + (i % 10))}\n\nCall it once per batch, not per item.`;
    case 2:
      return `${intro}\n\n${table(i, 5 + (i % 4))}\n\nOption 2 is the best trade-off for most teams.`;
    case 3:
      return `### Step by step\n\n1. Reproduce the problem.\n2. Add a failing test.\n3. Fix it.\n\n\`\`\`python\ndef top_customers(rows):\n    return sorted(rows, key=lambda r: r.revenue, reverse=True)[:5]\n\`\`\`\n\n> Tip: run it against a copy of production data.\n\n${intro}`;
    default:
      return `Yes. ${intro}`;
  }
}

export function longConversation(count: number, id = 'long'): ConversationView {
  const messages: MessageView[] = [];
  for (let i = 0; i < count; i++) {
    const turn = Math.floor(i / 2);
    const text = i % 2 === 0 ? QUESTIONS[turn % QUESTIONS.length]! : assistantText(turn);
    messages.push(
      message(`m${i}`, i % 2 === 0 ? 'user' : 'assistant', text, {
        createdAt: 1_700_000_000_000 + i * 60_000,
      }),
    );
  }
  return { ...conversation(messages, id), title: `${count} messages` };
}

// ---- Page set-up ---------------------------------------------------------------------------------

/** TaskDuration: wall time of the page's main-thread tasks, in ms. */
async function mainThreadMs(cdp: CDPSession): Promise<number> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return (metrics.find((m) => m.name === 'TaskDuration')?.value ?? 0) * 1000;
}

/**
 * A fresh page (own browser context) with the view initialised and CDP metrics on. It has already
 * shown a short conversation, so what is measured is opening, not the one-off cost of compiling
 * the libraries and highlight.js grammars (bench/render.ts does the same).
 */
async function openPage(browser: Browser): Promise<{ chat: ChatPage; cdp: CDPSession }> {
  const chat = await ChatPage.open(browser);
  const cdp = await chat.page.context().newCDPSession(chat.page);
  await cdp.send('Performance.enable');
  await chat.init(viewState());
  await chat.send({ type: 'conversation/show', conversation: longConversation(10, 'warm-up') });
  await chat.send({ type: 'conversation/show', conversation: conversation([]) });
  await chat.settle();
  return { chat, cdp };
}

// ---- In-page helpers (plain JavaScript: the bench's tsconfig has no DOM library) ----------------

const PAGE_HELPERS = String.raw`
globalThis.__benchOpen = (lastId) => new Promise((resolve) => {
  const start = performance.now();
  window.postMessage({ type: 'conversation/show', conversation: globalThis.__benchConversation }, '*');
  const shown = () => document.querySelector('.message[data-message-id="' + lastId + '"]');
  const check = () => requestAnimationFrame(() => {
    if (!shown()) return check();
    // A task queued from the frame callback runs after that frame's style, layout and paint.
    setTimeout(() => resolve(performance.now() - start), 0);
  });
  check();
});
globalThis.__benchDomSize = () => {
  let nodes = 0;
  const walker = document.createTreeWalker(document, NodeFilter.SHOW_ALL);
  while (walker.nextNode()) nodes++;
  return { nodes, messages: document.querySelectorAll('.message').length };
};
globalThis.__benchScroll = (frames, step) => new Promise((resolve) => {
  const transcript = document.querySelector('.transcript');
  const intervals = [];
  let last = 0, left = frames;
  const tick = (now) => {
    if (last) intervals.push(now - last);
    last = now;
    if (left-- <= 0) return resolve({ intervals, top: transcript.scrollTop });
    transcript.scrollTop -= step;
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
});`;

async function installHelpers(chat: ChatPage, conv: ConversationView): Promise<void> {
  await chat.page.evaluate(PAGE_HELPERS);
  await chat.page.evaluate((c) => {
    (globalThis as unknown as { __benchConversation: unknown }).__benchConversation = c;
  }, conv);
}

async function openTime(chat: ChatPage, conv: ConversationView): Promise<number> {
  await installHelpers(chat, conv);
  const lastId = conv.messages[conv.messages.length - 1]?.id ?? '';
  return chat.page.evaluate(
    (id) => (globalThis as unknown as { __benchOpen(id: string): Promise<number> }).__benchOpen(id),
    lastId,
  );
}

interface Memory {
  heapMB: number;
  nodes: number;
  renderedMessages: number;
}

async function memory(chat: ChatPage, cdp: CDPSession): Promise<Memory> {
  await cdp.send('HeapProfiler.collectGarbage');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const heap = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0;
  const dom = await chat.page.evaluate(() =>
    (
      globalThis as unknown as { __benchDomSize(): { nodes: number; messages: number } }
    ).__benchDomSize(),
  );
  return { heapMB: heap / 1024 / 1024, nodes: dom.nodes, renderedMessages: dom.messages };
}

// ---- Frames from Chromium's trace ---------------------------------------------------------------

interface Frames {
  /** Frames that had something new to show and showed all of it in time. */
  presented: number;
  /** Frames that had an update but missed their vsync (dropped, or only partly presented). */
  dropped: number;
  seconds: number;
  /** From requestAnimationFrame: the longest gap between two frames. */
  longestMs: number;
}

/** Chromium's frame reporting, the source of DevTools' frames track. */
const FRAME_CATEGORIES = ['cc', 'benchmark', 'disabled-by-default-devtools.timeline.frame'];

const STATE_RANK = ['STATE_PRESENTED_ALL', 'STATE_PRESENTED_PARTIAL', 'STATE_DROPPED'];

/**
 * Frames from PipelineReporter events, the source of DevTools' frames track. One vsync can have
 * several reporters (main-thread and compositor-only updates), so a frame is judged by its best
 * one: presented if any reporter presented everything, else dropped if it had an update at all.
 */
function frameStats(events: TraceEvent[], intervals: number[]): Frames {
  const reports = events.filter((e) => e.name === 'PipelineReporter' && e.ph === 'b');
  // The page's compositor, not the browser's own UI: the host id with the most frames.
  const byHost = new Map<number, TraceEvent[]>();
  for (const e of reports) {
    const host = e.args?.frame_reporter?.layer_tree_host_id ?? -1;
    byHost.set(host, [...(byHost.get(host) ?? []), e]);
  }
  const page = [...byHost.values()].sort((a, b) => b.length - a.length)[0] ?? [];
  const frames = new Map<number, { ts: number; rank: number }>();
  for (const e of page) {
    const rank = STATE_RANK.indexOf(e.args?.frame_reporter?.state ?? '');
    if (rank < 0) continue; // nothing new to show in this vsync: not a frame the page could drop
    const sequence = e.args?.frame_reporter?.frame_sequence ?? e.ts;
    const seen = frames.get(sequence);
    frames.set(sequence, {
      ts: Math.min(seen?.ts ?? e.ts, e.ts),
      rank: Math.min(seen?.rank ?? rank, rank),
    });
  }
  const all = [...frames.values()];
  const first = Math.min(...all.map((f) => f.ts));
  const last = Math.max(...all.map((f) => f.ts));
  const presented = all.filter((f) => f.rank === 0).length;
  return {
    presented,
    dropped: all.length - presented,
    seconds: all.length ? (last - first) / 1e6 + VSYNC_MS / 1000 : 0,
    longestMs: Math.max(0, ...intervals),
  };
}

async function scrollByFrames(chat: ChatPage, cdp: CDPSession, frames: number): Promise<Frames> {
  const { result, events } = await traced(cdp, FRAME_CATEGORIES, () =>
    chat.page.evaluate(
      ([f, s]) =>
        (
          globalThis as unknown as {
            __benchScroll(f: number, s: number): Promise<{ intervals: number[] }>;
          }
        ).__benchScroll(f, s),
      [frames, SCROLL_STEP_PX] as [number, number],
    ),
  );
  return frameStats(events, result.intervals);
}

async function scrollByWheel(chat: ChatPage, cdp: CDPSession, notches: number): Promise<Frames> {
  const box = await chat.page.locator('.transcript').boundingBox();
  if (!box) throw new Error('no transcript on the page');
  await chat.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  const { events } = await traced(cdp, FRAME_CATEGORIES, async () => {
    for (let i = 0; i < notches; i++) {
      await chat.page.mouse.wheel(0, -WHEEL_NOTCH_PX);
      await new Promise((resolve) => setTimeout(resolve, VSYNC_MS));
    }
    await chat.settle();
  });
  return frameStats(events, []);
}

// ---- Eager rendering, for the baseline ----------------------------------------------------------

/** Renders every message at once with the view's own MessageItem, into the transcript's list. */
async function installEager(chat: ChatPage): Promise<void> {
  await runBundledInPage(
    chat.page,
    `
        import { createMarkdown } from './src/webview-ui/markdown/renderer';
        import { MessageItem } from './src/webview-ui/views/messageItem';
        const md = createMarkdown();
        globalThis.__benchEager = () => new Promise((resolve) => {
          const start = performance.now();
          const list = document.querySelector('.transcript .messages');
          const items = globalThis.__benchConversation.messages.map((m) => new MessageItem(m, md, () => {}));
          list.replaceChildren(...items.map((item) => item.element));
          const transcript = document.querySelector('.transcript');
          transcript.scrollTop = transcript.scrollHeight;
          requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - start), 0));
        });`,
  );
}

// ---- Runs ---------------------------------------------------------------------------------------

interface Run {
  openMs: number;
  openMainThreadMs: number;
  smallOpenMs: number;
  eagerOpenMs: number;
  lazy: Memory;
  eager: Memory;
  scroll: Frames;
  wheel: Frames;
}

async function lazyOpen(browser: Browser, conv: ConversationView) {
  const { chat, cdp } = await openPage(browser);
  const t0 = await mainThreadMs(cdp);
  const openMs = await openTime(chat, conv);
  const openMainThreadMs = (await mainThreadMs(cdp)) - t0;
  return { chat, cdp, openMs, openMainThreadMs };
}

async function measureRun(browser: Browser, size: Size, conv: ConversationView): Promise<Run> {
  const small = await lazyOpen(browser, longConversation(SMALL_CONVERSATION, 'small'));
  await small.chat.close();

  const lazy = await lazyOpen(browser, conv);
  let lazyMemory: Memory;
  let scroll: Frames;
  let wheel: Frames;
  try {
    lazyMemory = await memory(lazy.chat, lazy.cdp);
    scroll = await scrollByFrames(lazy.chat, lazy.cdp, size.scrollFrames);
    wheel = await scrollByWheel(lazy.chat, lazy.cdp, size.wheelNotches);
  } finally {
    await lazy.chat.close();
  }

  const eager = await openPage(browser);
  let eagerOpenMs: number;
  let eagerMemory: Memory;
  try {
    await installHelpers(eager.chat, conv);
    await installEager(eager.chat);
    eagerOpenMs = await eager.chat.page.evaluate(() =>
      (globalThis as unknown as { __benchEager(): Promise<number> }).__benchEager(),
    );
    eagerMemory = await memory(eager.chat, eager.cdp);
  } finally {
    await eager.chat.close();
  }
  return {
    openMs: lazy.openMs,
    openMainThreadMs: lazy.openMainThreadMs,
    smallOpenMs: small.openMs,
    eagerOpenMs,
    lazy: lazyMemory,
    eager: eagerMemory,
    scroll,
    wheel,
  };
}

function rows(size: Size, runs: Run[]): BenchRow[] {
  const m = (f: (r: Run) => number): number => median(runs.map(f));
  const n = runs.length;
  const what = `${size.messages} messages`;
  const fps = (f: Frames): number => (f.seconds > 0 ? f.presented / f.seconds : 0);
  const onTime = (f: Frames): number => (100 * f.presented) / Math.max(1, f.presented + f.dropped);
  const open = m((r) => r.openMs);
  return [
    {
      bench: 'history',
      metric: `open a conversation of ${what}: posted → first frame painted with it`,
      value: open,
      unit: 'ms',
      baseline: { label: `open ${SMALL_CONVERSATION} messages`, value: m((r) => r.smallOpenMs) },
      ratio: open / m((r) => r.smallOpenMs),
      budget: { limit: 300, kind: 'max', on: 'value' },
      runs: n,
      note: `main-thread time of the open ${m((r) => r.openMainThreadMs).toFixed(0)} ms; rendering all ${what} eagerly instead: ${m((r) => r.eagerOpenMs).toFixed(0)} ms`,
    },
    {
      bench: 'history',
      metric: `scroll up through ${what} (${SCROLL_STEP_PX} px per frame, older pages load on the way): frame rate`,
      value: m((r) => fps(r.scroll)),
      unit: 'fps',
      budget: { limit: 60 * 0.95, kind: 'min', on: 'value' },
      runs: n,
      note: `presented frames per second in Chromium's frame reporting; ${m((r) => onTime(r.scroll)).toFixed(1)}% of frames with an update met vsync; longest frame ${m((r) => r.scroll.longestMs).toFixed(0)} ms; budget 60 fps less 5% for timer jitter`,
    },
    {
      bench: 'history',
      metric: `dropped frames while scrolling ${what} (${size.scrollFrames} frames of ${SCROLL_STEP_PX} px, then ${size.wheelNotches} wheel notches)`,
      value: m((r) => r.scroll.dropped + r.wheel.dropped),
      unit: 'count',
      budget: { limit: 0, kind: 'max', on: 'value' },
      runs: n,
      note: `frames that had an update but missed vsync (PipelineReporter, per frame sequence): ${m((r) => r.scroll.dropped)} while flinging, ${m((r) => r.wheel.dropped)} with the wheel`,
    },
    {
      bench: 'history',
      metric: `JS heap after opening ${what} (after GC)`,
      value: m((r) => r.lazy.heapMB),
      unit: 'MB',
      baseline: { label: 'all rendered eagerly', value: m((r) => r.eager.heapMB) },
      ratio: m((r) => r.lazy.heapMB) / m((r) => r.eager.heapMB),
      runs: n,
      note: `CDP Performance.getMetrics JSHeapUsedSize; ${m((r) => r.lazy.renderedMessages)} of ${size.messages} messages in the DOM`,
    },
    {
      bench: 'history',
      metric: `DOM nodes after opening ${what}`,
      value: m((r) => r.lazy.nodes),
      unit: 'count',
      baseline: { label: 'all rendered eagerly', value: m((r) => r.eager.nodes) },
      ratio: m((r) => r.lazy.nodes) / m((r) => r.eager.nodes),
      runs: n,
    },
  ];
}

export const run: Benchmark = async ({ quick }) => {
  const size = quick ? QUICK : FULL;
  const conv = longConversation(size.messages);
  const browser = await launchChromium();
  try {
    const runs: Run[] = [];
    for (let i = 0; i < size.runs; i++) runs.push(await measureRun(browser, size, conv));
    return rows(size, runs);
  } finally {
    await browser.close();
  }
};

if (require.main === module) runStandalone(run);
