// Concurrent streams and editor tabs (issues #17 and #24): four Twin Chat editor tabs, each
// streaming an answer at 200 deltas/s at the same time in real VS Code against the simulator,
// next to one tab streaming alone in the same run; and opening the tenth editor tab next to the
// first. The latency is measured as bench/latency.ts measures it (its probes and raw socket
// reader, bench/concurrent/streams.ts), end to end per stream. Rows: bench/concurrent/rows.ts.
//   node out/bench/concurrent.js [--quick]      (TWIN_CHAT_E2E_VSIX=<file> reuses a built .vsix)
import * as fs from 'node:fs';
import * as os from 'node:os';
import type { Frame } from 'playwright-core';
import type { Workbench } from '../test/e2e/workbench';
import {
  measureRaw,
  monotonicToWall,
  openWorkbench,
  TOKEN_DELAY_MS,
  WARM_UP_MARKERS,
} from './latency';
import type { Run } from './latency/analyse';
import { twinChat } from './latency/pipelines';
import type { Benchmark } from './lib/result';
import { afterAnswerWork } from './lib/afterAnswer';
import { isProgram, runStandalone } from './lib/standalone';
import { rows } from './concurrent/rows';
import { printRoundProfile } from './concurrent/profile';
import { TIMELINE_CATEGORIES, traced } from './lib/trace';
import type { TabKind } from './concurrent/tabs';
import { streamAtOnce } from './concurrent/streams';
import { BARE_TWO_ROWS_COMMAND } from './latency/bareNames';
import { bareTab, closeAllEditors, openInEmptyGroups, openTab, twinTab } from './concurrent/tabs';

/**
 * Each round streams four Twin Chat tabs at once, four bare-pipeline tabs at once and one Twin
 * Chat tab alone, in that order in odd rounds and the reverse in even ones, so load falls on all
 * three alike; tabs are opened 1..10 in one editor group per opening round. The quick smoke run
 * is one short round without warm-up and one opening round of two tabs.
 */
/**
 * 24 rounds, as the latency rows: with four tabs the workbench's one main thread is saturated and
 * a round's four-tab ratio ranged from 0.5x to 2.0x under load, so the median of 8 rounds moved by
 * a quarter between a quiet and a loaded run of one commit, more than the budgets' margins.
 * Tab opening: 9 rounds of tabs 1..10. With 3, one slow opening decided a position's median: a
 * loaded run put tab 8 at 656 ms and tab 10 at 564 between tabs of 310-410 ms, and the tenth/first
 * ratio moved from 1.13x to 1.71x between a quiet and a loaded run of one commit.
 */
const FULL = { markers: 400, rounds: 24, tabs: 10, openingRounds: 9, warmUp: true };
const QUICK = { markers: 100, rounds: 1, tabs: 2, openingRounds: 1, warmUp: false };
type Size = typeof FULL;
const STREAMS = 4;
/** The timeline with every task on the main threads (as bench/latency.ts --profile). */
const PROFILE_CATEGORIES = [
  ...TIMELINE_CATEGORIES,
  'disabled-by-default-devtools.timeline',
  'toplevel',
  'v8',
];

async function alternate(wb: Workbench, tabs: { twin: Frame[]; bare: Frame[] }, size: Size) {
  const one: Run[] = [];
  const four: Run[][] = [];
  const bare: Run[][] = [];
  for (let round = 1; round <= size.rounds; round++) {
    const raw = await measureRaw(wb.sim, size.markers, round);
    const stream = (kind: TabKind, frames: Frame[], label: string) =>
      streamAtOnce(wb, kind, frames, size.markers, raw, `${label}, ${round}`);
    const steps = [
      async () => four.push(await stream(twinTab, tabs.twin, 'bốn')),
      async () => bare.push(await stream(bareTab, tabs.bare, 'bốn')),
      async () => one.push(...(await stream(twinTab, tabs.twin.slice(0, 1), 'một'))),
    ];
    for (const step of round % 2 === 1 ? steps : steps.reverse()) {
      await step();
      await afterAnswerWork();
    }
  }
  return { one, four, bare };
}

/** Opens tabs 1..`tabs` in one editor group, timing each; closes them all afterwards. */
async function timeOpening(wb: Workbench, tabs: number): Promise<number[]> {
  const times: number[] = [];
  for (let k = 0; k < tabs; k++) times.push((await openTab(wb)).ms);
  await closeAllEditors(wb);
  return times;
}

/** Twin Chat's four tabs in the top row, the bare pipeline's four in the bottom one. */
async function openBothRows(wb: Workbench): Promise<{ twin: Frame[]; bare: Frame[] }> {
  await twinChat.open(wb);
  await wb.runCommand(BARE_TWO_ROWS_COMMAND);
  return {
    twin: await openInEmptyGroups(wb, twinTab, STREAMS),
    bare: await openInEmptyGroups(wb, bareTab, STREAMS),
  };
}

export const run: Benchmark = async ({ quick }) => {
  const size = quick ? QUICK : FULL;
  const loadAtStart = os.loadavg()[0] ?? 0;
  const wb = await openWorkbench();
  try {
    const tabs = await openBothRows(wb);
    if (size.warmUp) {
      // loads the clients, warms the JITs, in every tab (the smoke run goes without: its figures
      // are not quoted, and CI waits for it)
      const warmUp = await measureRaw(wb.sim, 1, 0);
      await streamAtOnce(wb, twinTab, tabs.twin, WARM_UP_MARKERS, warmUp, 'khởi động');
      await streamAtOnce(wb, bareTab, tabs.bare, WARM_UP_MARKERS, warmUp, 'khởi động');
    }
    const streams = await alternate(wb, tabs, size);
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

/** --profile: a four-tab round of each kind under a trace (bench/concurrent/profile.ts). */
async function profileMain(): Promise<void> {
  const wb = await openWorkbench();
  try {
    const tabs = await openBothRows(wb);
    const warmUp = await measureRaw(wb.sim, 1, 0);
    await streamAtOnce(wb, twinTab, tabs.twin, WARM_UP_MARKERS, warmUp, 'khởi động');
    await streamAtOnce(wb, bareTab, tabs.bare, WARM_UP_MARKERS, warmUp, 'khởi động');
    const cdp = await wb.page.context().newCDPSession(wb.page);
    for (const [kind, frames] of [
      [twinTab, tabs.twin],
      [bareTab, tabs.bare],
    ] as const) {
      const raw = await measureRaw(wb.sim, FULL.markers, 1);
      const toWall = monotonicToWall();
      const { result, events } = await traced(cdp, PROFILE_CATEGORIES, () =>
        streamAtOnce(wb, kind, frames, FULL.markers, raw, 'hồ sơ'),
      );
      printRoundProfile(`four ${kind.name} tabs`, events, result, toWall);
      const dump = process.env.TWIN_CHAT_TRACE_DUMP;
      if (dump)
        fs.writeFileSync(
          `${dump}-${kind === twinTab ? 'twin' : 'bare'}.json`,
          JSON.stringify({ toWall, events, deltas: result.map((r) => r.deltas) }),
        );
    }
  } finally {
    await wb.close();
  }
}

if (isProgram('concurrent') && process.argv.includes('--profile'))
  profileMain().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
else if (isProgram('concurrent')) runStandalone('concurrent', run);
