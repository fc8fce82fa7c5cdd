// Streaming into several Twin Chat editor tabs at once (bench/concurrent.ts), measured with the
// latency benchmark's probes: the simulator's record of when each delta left, a raw socket reader
// of the same round, and bench/page/latencyChat.ts in each tab's webview for when each "Đoạn i:"
// reached its DOM. Per stage as far as the streams can be told apart: the websocket frames carry
// the same markers for every tab, so stages 1 and 2 (host, workbench) are one figure; the
// workbench's posts are told apart by the port they go to (matched to the tab that received the
// same batches), so the relay (stage 3) and the render (stage 4) are each tab's own.
import type { Frame } from 'playwright-core';
import type { Workbench } from '../../test/e2e/workbench';
import { eventually } from '../../test/harness/eventually';
import type { Simulator } from '../../test/simulator/server';
import { calibrate, TOKEN_DELAY_MS, writtenTimes, type Raw } from '../latency';
import { analyse, type Batch, type Run } from '../latency/analyse';
import { installPageScript } from '../lib/pageScript';
import type { TabKind } from './tabs';

/** The record of the answer stream that asked `question`. */
function streamRecord(sim: Simulator, question: string) {
  return sim.requests.find(
    (r) =>
      r.path.endsWith('/messages/stream') &&
      (r.json as { content?: unknown } | undefined)?.content === question,
  )?.deltaTimes;
}

const batchKey = (batches: Batch[]) => batches.map((b) => `${b.first}-${b.last}`).join(',');

/**
 * The workbench's posts to the tab that received `messages`: those of the port whose batches
 * are the same ones in the same order (each tab's coalescer cuts its stream its own way).
 */
function postsOf(posts: Batch[], messages: Batch[]): Batch[] {
  const byPort = new Map<number, Batch[]>();
  for (const post of posts)
    byPort.set(post.port ?? -1, [...(byPort.get(post.port ?? -1) ?? []), post]);
  const want = batchKey(messages);
  for (const batches of byPort.values()) if (batchKey(batches) === want) return batches;
  return [];
}

/** Waits until every tab's answer has ended and its last deltas are in the DOM. */
async function allAnswered(kind: TabKind, frames: Frame[], count: number): Promise<void> {
  const done = async () => {
    const ended = await Promise.all(
      frames.map((f) => f.evaluate(() => globalThis.benchLatencyChat!.done() !== false)),
    );
    return ended.every(Boolean);
  };
  await eventually(done, `${frames.length} answers done`, {
    timeoutMs: 60_000 + count * 50 * frames.length,
    intervalMs: 250,
  });
  // The last deltas reach the DOM up to a paced frame after chat/done; a delta that never does
  // is counted as lost, so this waits a bounded time and goes on.
  const allSeen = async () => {
    const seen = await Promise.all(
      frames.map((f) => f.evaluate(() => globalThis.benchLatencyChat!.seen())),
    );
    return seen.every((s) => s >= count);
  };
  await eventually(allSeen, `${count} deltas seen in each tab`, {
    timeoutMs: 2_000,
    intervalMs: 50,
  }).catch(() => undefined);
  await Promise.all(frames.map((f) => kind.ready(f)));
}

/**
 * Streams one answer of `count` markers into each of `frames` at the same time: every question is
 * typed first, then all are sent together, so the streams start within a few milliseconds of one
 * another. Returns one run per tab, in the order of `frames`.
 */
export async function streamAtOnce(
  wb: Workbench,
  kind: TabKind,
  frames: Frame[],
  count: number,
  raw: Raw,
  label: string,
): Promise<Run[]> {
  for (const frame of frames) await kind.fresh(frame);
  const clocks = [];
  for (const frame of frames) clocks.push(await calibrate(frame));
  await installPageScript(wb.page, 'latencyWorkbench');
  const page = await calibrate(wb.page.mainFrame());
  await wb.page.evaluate(() => globalThis.benchLatencyWorkbench!.take());
  const questions = frames.map((_, k) => `Đo đồng thời, ${kind.name}, ${label}, tab ${k + 1}`);
  for (const [k, frame] of frames.entries()) {
    await installPageScript(frame, 'latencyChat');
    await kind.composer(frame).fill(questions[k] ?? '');
  }
  wb.sim.configure({
    fault: { kind: 'longAnswer', deltas: count + 1 },
    faultOnce: false,
    faultMatch: '/messages/stream',
    tokenDelayMs: TOKEN_DELAY_MS,
    recordDeltaTimes: true,
  });
  try {
    // A click dispatched in each tab's page, not a key press: keys go to the one focused frame,
    // so presses sent to four tabs at once would land in one of them.
    await Promise.all(frames.map((f) => kind.sendButton(f).dispatchEvent('click')));
    await allAnswered(kind, frames, count);
  } finally {
    wb.sim.configure({ fault: undefined, faultMatch: undefined });
  }
  const posts = await wb.page.evaluate(() => globalThis.benchLatencyWorkbench!.take());
  const runs: Run[] = [];
  for (const [k, frame] of frames.entries()) {
    const question = questions[k] ?? '';
    const written = writtenTimes(streamRecord(wb.sim, question));
    if (written.size !== count)
      throw new Error(`the simulator wrote ${written.size} of ${count} for "${question}"`);
    const chat = await frame.evaluate(() => globalThis.benchLatencyChat!.finish());
    if (process.env.TWIN_CHAT_BENCH_RECEIVED)
      console.log(label, k + 1, JSON.stringify(chat.received));
    const clock = clocks[k] ?? { offset: NaN, uncertainty: Infinity };
    const seen = {
      ...chat,
      posts: postsOf(posts, chat.messages),
      frames: new Map<number, number>(),
    };
    runs.push(analyse(written, raw, seen, { page, chat: clock }));
  }
  return runs;
}
