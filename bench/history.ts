// Long-history benchmark for the chat webview, in Debian's Chromium on the BUILT bundle.
//   npm run bench:history            (or node out/bench/history.js [--quick])
// Opens a conversation of 2,000 realistic messages (prose, lists, code blocks, tables) the way the
// host does (one conversation/show message), times it from posting to the first frame painted
// with the conversation shown, then scrolls up through it and reads frame rate and dropped frames
// from Chromium's own frame reporting (CDP tracing, PipelineReporter events: the ones DevTools'
// frames track is drawn from). Reports JS heap and DOM size after opening. Baselines from the same
// run: opening a 20-message conversation, and rendering all 2,000 messages eagerly.
import type { Browser, CDPSession } from 'playwright-core';
import type { ConversationView } from '../src/shared/protocol';
import { launchChromium } from '../test/webview/harness/browser';
import type { ChatPage } from '../test/webview/harness/chatPage';
import { longConversation } from './history/conversation';
import { scrollByFrames, scrollByWheel, type Frames } from './history/frames';
import { rows, SMALL_CONVERSATION, type Memory, type Run, type Size } from './history/rows';
import { heapAfterGcMB, openBenchPage, timed, type BenchPage } from './lib/chromePage';
import type { PageScript } from './lib/pageScript';
import type { Benchmark } from './lib/result';
import { runStandalone } from './lib/standalone';

const FULL: Size = { messages: 2_000, runs: 5, scrollFrames: 360, wheelNotches: 120 };
const QUICK: Size = { messages: 200, runs: 1, scrollFrames: 60, wheelNotches: 20 };

/** A page that has already shown a short conversation. */
function openPage(browser: Browser, scripts: PageScript[]): Promise<BenchPage> {
  return openBenchPage(browser, longConversation(10, 'warm-up'), scripts);
}

/** Hands the conversation to the page, for historyView's `open` and eagerRender. */
async function load(chat: ChatPage, conv: ConversationView): Promise<void> {
  await chat.page.evaluate((c) => globalThis.benchHistoryView!.load(c), conv);
}

async function memory(chat: ChatPage, cdp: CDPSession): Promise<Memory> {
  const heapMB = await heapAfterGcMB(cdp);
  const dom = await chat.page.evaluate(() => globalThis.benchHistoryView!.domSize());
  return { heapMB, nodes: dom.nodes, renderedMessages: dom.messages };
}

/**
 * Opens `conv` as the host does; the page stays open for the caller to measure and close. Its
 * main-thread time includes handing the conversation to the page, as it always has.
 */
async function lazyOpen(browser: Browser, conv: ConversationView) {
  const { chat, cdp } = await openPage(browser, ['historyView']);
  const lastId = conv.messages[conv.messages.length - 1]?.id ?? '';
  const open = await timed(cdp, async () => {
    await load(chat, conv);
    return chat.page.evaluate((id) => globalThis.benchHistoryView!.open(id), lastId);
  });
  return { chat, cdp, openMs: open.result, openMainThreadMs: open.time.taskMs };
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

  const eager = await openPage(browser, ['historyView', 'eagerRender']);
  let eagerOpenMs: number;
  let eagerMemory: Memory;
  try {
    await load(eager.chat, conv);
    eagerOpenMs = await eager.chat.page.evaluate(() => globalThis.benchEagerRender!.renderAll());
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

runStandalone('history', run);
