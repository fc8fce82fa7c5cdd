// Frame rate and dropped frames while bench/history.ts scrolls, from Chromium's own frame
// reporting (CDP tracing, PipelineReporter events: the ones DevTools' frames track is drawn from).
import type { CDPSession } from 'playwright-core';
import type { ChatPage } from '../../test/webview/harness/chatPage';
import { traced, type TraceEvent } from '../lib/trace';

/** Scrolling up by this much per frame is a brisk fling: 3,600 px/s. */
export const SCROLL_STEP_PX = 60;
const WHEEL_NOTCH_PX = 120;
const VSYNC_MS = 1000 / 60;

export interface Frames {
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

export async function scrollByFrames(
  chat: ChatPage,
  cdp: CDPSession,
  frames: number,
): Promise<Frames> {
  const { result, events } = await traced(cdp, FRAME_CATEGORIES, () =>
    chat.page.evaluate(([count, step]) => globalThis.benchHistoryView!.scroll(count, step), [
      frames,
      SCROLL_STEP_PX,
    ] as const),
  );
  return frameStats(events, result.intervals);
}

export async function scrollByWheel(
  chat: ChatPage,
  cdp: CDPSession,
  notches: number,
): Promise<Frames> {
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
