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
import type { Browser } from 'playwright-core';
import { launchChromium } from '../test/webview/harness/browser';
import { splitInto } from '../test/webview/harness/chatPage';
import { plus } from './lib/chromePage';
import type { Benchmark } from './lib/result';
import { isProgram, runStandalone } from './lib/standalone';
import { answer } from './render/answer';
import { hostSchedule } from './render/hostSchedule';
import { rows, type Runs, type Size } from './render/rows';
import { floorRun, naiveEstimate, onceRun, streamRun } from './render/runs';
import { schedules, type Schedules } from './render/schedule';

const FULL: Size = { bytes: 200_000, deltas: 20_000, runs: 5, naiveRepeats: 3 };
const QUICK: Size = { bytes: 20_000, deltas: 2_000, runs: 1, naiveRepeats: 1 };

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

if (isProgram('render')) {
  if (process.argv.includes('--profile')) {
    profileMain(process.argv.includes('sustained') ? 'sustained' : 'fast').catch(
      (error: unknown) => {
        console.error(error);
        process.exitCode = 1;
      },
    );
  } else runStandalone('render', run);
}
