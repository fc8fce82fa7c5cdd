// The conversation store at a heavy user's scale (issue 22), on a generated corpus of 1,000
// conversations and 100,000 messages (English, Vietnamese, code), against 10 conversations:
//   node out/bench/store.js [--quick]
// search latency (median, p95) and per keystroke while typing; bytes written per second while an
// answer streams into a 2,000-message conversation against a 2-message one; the search index's
// heap against the corpus's text size; opening the history list with 1,000 against 10; how long
// a save holds the extension host in a 2,000-message conversation, against the same save with the
// search indexing in it, as saves did before the index caught up later.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { ConversationStore } from '../src/chat/conversationStore';
import { SEARCH_PAGE_SIZE } from '../src/chat/store/conversationSearch';
import { INDEX_DELAY_MS } from '../src/chat/store/searchIndexKeeper';
import { launchChromium } from '../test/webview/harness/browser';
import { median, type Benchmark, type BenchRow } from './lib/result';
import { runStandalone } from './lib/standalone';
import { RARE_QUERY, writeCorpus } from './store/corpus';
import { historyOpenMs } from './store/historyOpen';
import { saveTimes, type SaveTimes } from './store/saveBlocking';
import { percentile, searchTimes, typingTimes, type SearchTimes } from './store/searchTimes';
import { streamingBytesPerSecond } from './store/streamingBytes';

interface Size {
  conversations: number;
  messages: number;
  small: number;
  repeats: number;
  streamSeconds: number;
  longConversation: number;
  openRuns: number;
  saveExchanges: number;
}

const FULL: Size = {
  conversations: 1000,
  messages: 100,
  small: 10,
  repeats: 5,
  streamSeconds: 20,
  longConversation: 2000,
  openRuns: 5,
  saveExchanges: 10,
};
const QUICK: Size = {
  conversations: 30,
  messages: 10,
  small: 3,
  repeats: 1,
  streamSeconds: 2,
  longConversation: 50,
  openRuns: 1,
  saveExchanges: 2,
};

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

function heapUsed(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

/** A store on a fresh corpus, its search index built (from the files) and written, then reopened. */
async function preparedStore(
  dir: string,
  size: Size,
  count: number,
): Promise<{ store: ConversationStore; textBytes: number; rebuildMs: number; indexBytes: number }> {
  const textBytes = writeCorpus(dir, count, size.messages);
  const building = new ConversationStore(dir, () => undefined);
  const start = performance.now();
  await building.list();
  await building.whenSearchIndexCaughtUp();
  const rebuildMs = performance.now() - start;
  await building.flush();
  const store = new ConversationStore(dir, () => undefined);
  const before = heapUsed();
  await store.list();
  await store.whenSearchIndexCaughtUp();
  const indexBytes = heapUsed() - before;
  return { store, textBytes, rebuildMs, indexBytes };
}

function searchRows(
  large: SearchTimes,
  small: SearchTimes,
  typing: number[],
  typingSmall: number[],
  size: Size,
): BenchRow[] {
  const label = `${size.small} conversations`;
  const page = `a search's first page (${SEARCH_PAGE_SIZE} hits, what the list shows first; the next on scroll)`;
  const everyMatch = `every query matches every conversation (each word of the queries is in each), so the index scores ${size.conversations} matches against ${size.small} and the first page holds ${Math.min(SEARCH_PAGE_SIZE, size.conversations)} hits against ${Math.min(SEARCH_PAGE_SIZE, size.small)}`;
  const row = (
    metric: string,
    value: number,
    baseline: number,
    note: string,
    budget?: BenchRow['budget'],
  ): BenchRow => ({
    bench: 'store',
    metric,
    value,
    unit: 'ms',
    baseline: { label, value: baseline },
    ratio: value / baseline,
    ...(budget && { budget }),
    runs: large.all.length,
    note: `${page}; ${note}`,
  });
  return [
    row(
      `search median, ${size.conversations} conversations / ${size.conversations * size.messages} messages`,
      median(large.all),
      median(small.all),
      everyMatch,
      // Issue #22's absolute goal. Its 3x is on the row of the same matches below: here the
      // large corpus has 100 times the matches, and ranking them means scoring every one.
      { limit: 50, kind: 'max', on: 'value' },
    ),
    row(
      `search p95, ${size.conversations} conversations`,
      percentile(large.all, 0.95),
      percentile(small.all, 0.95),
      everyMatch,
    ),
    row(
      `search per keystroke while typing (time to first result), ${size.conversations} conversations`,
      median(typing),
      median(typingSmall),
      everyMatch,
    ),
    row(
      `search median, the same 10 matches among ${size.conversations} conversations`,
      median(large.rare),
      median(small.rare),
      `"${RARE_QUERY}" is in 10 conversations of each corpus (all of the ${size.small}): the same hits, a corpus ${size.conversations / size.small} times the size, what the corpus's size costs a search; p95 ${percentile(large.rare, 0.95).toFixed(2)} ms against ${percentile(small.rare, 0.95).toFixed(2)} ms`,
      { limit: 3, kind: 'max', on: 'ratio' },
    ),
  ];
}

function saveRow(long: SaveTimes, short: SaveTimes, messages: number): BenchRow {
  const save = median(long.save);
  const indexing = median(long.indexing);
  return {
    bench: 'store',
    metric: `a save's time on the extension host's thread (sending, an answer ending), ${messages}-message conversation`,
    value: save,
    unit: 'ms',
    baseline: {
      label: 'the same save indexing the conversation in it, as before',
      value: save + indexing,
    },
    ratio: save / (save + indexing),
    runs: long.save.length,
    note: `the synchronous part of ConversationStore.save, two per exchange (the question, then the answer); the search index catches up once saves have rested for ${INDEX_DELAY_MS / 1000} s while no answer streams, or before a search: ${indexing.toFixed(1)} ms per exchange (once, where it was in both saves); at 2 messages a save takes ${median(short.save).toFixed(2)} ms, the indexing ${median(short.indexing).toFixed(2)} ms (medians)`,
  };
}

export const run: Benchmark = async ({ quick }) => {
  const size = quick ? QUICK : FULL;
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'twin-chat-bench-store-'));
  try {
    const large = await preparedStore(path.join(root, 'large'), size, size.conversations);
    const small = await preparedStore(path.join(root, 'small'), size, size.small);
    const searchLarge = await searchTimes(large.store, size.repeats);
    const searchSmall = await searchTimes(small.store, size.repeats);
    const typeLarge = await typingTimes(large.store, size.repeats);
    const typeSmall = await typingTimes(small.store, size.repeats);

    const longBytes = await streamingBytesPerSecond(
      path.join(root, 'long'),
      size.longConversation,
      size.streamSeconds,
    );
    const shortBytes = await streamingBytesPerSecond(
      path.join(root, 'short'),
      2,
      size.streamSeconds,
    );

    const longSaves = await saveTimes(
      path.join(root, 'long-saves'),
      size.longConversation,
      size.saveExchanges,
    );
    const shortSaves = await saveTimes(path.join(root, 'short-saves'), 2, size.saveExchanges);

    const browser = await launchChromium();
    const openLarge: number[] = [];
    const openSmall: number[] = [];
    try {
      for (let r = 0; r < size.openRuns; r++) {
        openLarge.push(await historyOpenMs(browser, size.conversations));
        openSmall.push(await historyOpenMs(browser, size.small));
      }
    } finally {
      await browser.close();
    }
    const KB = 1024;
    return [
      ...searchRows(searchLarge, searchSmall, typeLarge, typeSmall, size),
      {
        bench: 'store',
        metric: `bytes written per second, 200 deltas/s into a ${size.longConversation}-message conversation`,
        value: longBytes / KB,
        unit: 'KB',
        baseline: { label: 'a 2-message conversation', value: shortBytes / KB },
        ratio: longBytes / shortBytes,
        budget: { limit: 1.2, kind: 'max', on: 'ratio' },
        runs: 1,
        note: `checkpoint once a second for ${size.streamSeconds} s after the answer started (its start and end rewrite the file once each)`,
      },
      saveRow(longSaves, shortSaves, size.longConversation),
      {
        bench: 'store',
        metric: `search index heap, ${size.conversations} conversations, as a fraction of their text`,
        value: large.indexBytes / large.textBytes,
        unit: 'x',
        budget: { limit: 0.5, kind: 'max', on: 'value' },
        runs: 1,
        note: `${(large.indexBytes / KB / KB).toFixed(1)} MB heap for ${(large.textBytes / KB / KB).toFixed(1)} MB of message text (UTF-8), loaded from the index file; built from the files in ${(large.rebuildMs / 1000).toFixed(1)} s`,
      },
      {
        bench: 'store',
        metric: `history list open (webview main thread), ${size.conversations} conversations`,
        value: median(openLarge),
        unit: 'ms',
        baseline: { label: `${size.small} conversations`, value: median(openSmall) },
        ratio: median(openLarge) / median(openSmall),
        runs: openLarge.length,
      },
    ];
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
};

runStandalone('store', run);
