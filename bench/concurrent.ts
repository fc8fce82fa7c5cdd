// Concurrent streams and editor tabs (issues #17 and #24): four Twin Chat editor tabs, each
// streaming an answer at 200 deltas/s at the same time in real VS Code against the simulator,
// next to one tab streaming alone in the same run; and opening the tenth editor tab next to the
// first. The latency is measured as bench/latency.ts measures it (its probes and raw socket
// reader, bench/concurrent/streams.ts), end to end per stream. Rows: bench/concurrent/rows.ts.
//   node out/bench/concurrent.js [--quick]      (TWIN_CHAT_E2E_VSIX=<file> reuses a built .vsix)
import * as os from 'node:os';
import type { Frame } from 'playwright-core';
import type { Workbench } from '../test/e2e/workbench';
import { measureRaw, openWorkbench, TOKEN_DELAY_MS, WARM_UP_MARKERS } from './latency';
import type { Run } from './latency/analyse';
import { twinChat } from './latency/pipelines';
import type { Benchmark } from './lib/result';
import { isProgram, runStandalone } from './lib/standalone';
import { rows } from './concurrent/rows';
import { streamAtOnce } from './concurrent/streams';
import { closeAllEditors, openGrid, openTab } from './concurrent/tabs';

/**
 * Rounds alternate four tabs and one tab (four first in odd rounds, one first in even ones), so
 * load falls on both; tabs are opened 1..10 in one editor group per opening round. The quick
 * smoke run is one short alternation and one round of four tabs.
 */
const FULL = { markers: 400, rounds: 8, tabs: 10, openingRounds: 3 };
const QUICK = { markers: 100, rounds: 1, tabs: 4, openingRounds: 1 };
type Size = typeof FULL;
const STREAMS = 4;

async function alternate(wb: Workbench, frames: Frame[], size: Size) {
  const one: Run[] = [];
  const four: Run[][] = [];
  for (let round = 1; round <= size.rounds; round++) {
    const raw = await measureRaw(wb.sim, size.markers, round);
    const streamOne = async () => {
      const [run] = await streamAtOnce(wb, frames.slice(0, 1), size.markers, raw, `một, ${round}`);
      if (run) one.push(run);
    };
    const streamFour = async () => {
      four.push(await streamAtOnce(wb, frames, size.markers, raw, `bốn, ${round}`));
    };
    for (const step of round % 2 === 1 ? [streamFour, streamOne] : [streamOne, streamFour])
      await step();
  }
  return { one, four };
}

/** Opens tabs 1..`tabs` in one editor group, timing each; closes them all afterwards. */
async function timeOpening(wb: Workbench, tabs: number): Promise<number[]> {
  const times: number[] = [];
  for (let k = 0; k < tabs; k++) times.push((await openTab(wb)).ms);
  await closeAllEditors(wb);
  return times;
}

export const run: Benchmark = async ({ quick }) => {
  const size = quick ? QUICK : FULL;
  const loadAtStart = os.loadavg()[0] ?? 0;
  const wb = await openWorkbench();
  try {
    await twinChat.open(wb);
    const frames = await openGrid(wb, STREAMS);
    // loads the clients, warms the JITs, in every tab
    await streamAtOnce(wb, frames, WARM_UP_MARKERS, await measureRaw(wb.sim, 1, 0), 'khởi động');
    const streams = await alternate(wb, frames, size);
    await closeAllEditors(wb);
    await wb.runCommand('View: Single Column Editor Layout');
    const opening: number[][] = [];
    for (let round = 0; round < size.openingRounds; round++)
      opening.push(await timeOpening(wb, size.tabs));
    return rows({
      ...streams,
      opening,
      markers: size.markers,
      tokenDelayMs: TOKEN_DELAY_MS,
      load: { start: loadAtStart, end: os.loadavg()[0] ?? 0 },
    });
  } finally {
    await wb.close();
  }
};

if (isProgram('concurrent')) runStandalone('concurrent', run);
