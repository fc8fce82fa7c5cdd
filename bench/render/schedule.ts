// When bench/render.ts posts which chat/delta texts: the three streams it times.
import type { HostPost } from './hostSchedule';

/**
 * A harder case than the issue's: a stream that keeps the view busy for 11 s, one host message of
 * 30 deltas per display frame (1,800 deltas/s), so every frame has new text to draw.
 */
export const SUSTAINED_DELTAS_PER_MESSAGE = 30;
export const FRAME_MS = 1000 / 60;
/** For the one-message-per-delta run: how many messages arrive per frame. */
export const MESSAGES_PER_FRAME = 200;

/** The host's chat/delta texts and when each is posted (ms after the first). */
export interface Schedule {
  texts: string[];
  times: number[];
}

export interface Schedules {
  /** As fast as the simulator sends, grouped and timed as the extension posted it. */
  fast: Schedule;
  sustained: Schedule;
  perDelta: Schedule;
}

/** `perFrame` messages at the start of every display frame. */
function everyFrame(texts: string[], perFrame: number): Schedule {
  return { texts, times: texts.map((_, i) => Math.floor(i / perFrame) * FRAME_MS) };
}

/** The answer's deltas, grouped and timed as the extension posted them (render/hostSchedule.ts). */
function asPosted(deltas: string[], posts: HostPost[]): Schedule {
  const texts: string[] = [];
  let next = 0;
  for (const post of posts) {
    texts.push(deltas.slice(next, next + post.deltas).join(''));
    next += post.deltas;
  }
  return { texts, times: posts.map((p) => p.atMs) };
}

function batches(deltas: string[], size: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < deltas.length; i += size) out.push(deltas.slice(i, i + size).join(''));
  return out;
}

export function schedules(deltas: string[], posts: HostPost[]): Schedules {
  return {
    fast: asPosted(deltas, posts),
    sustained: everyFrame(batches(deltas, SUSTAINED_DELTAS_PER_MESSAGE), 1),
    perDelta: everyFrame(deltas, MESSAGES_PER_FRAME),
  };
}
