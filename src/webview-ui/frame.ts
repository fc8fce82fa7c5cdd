// DOM work is batched per animation frame: deltas arrive far more often than the screen refreshes,
// so each delta only records data and schedules one callback; the callback runs once per frame no
// matter how many deltas came in.
/**
 * A frame's work. Paced work may return how many of its milliseconds recur on the next run, when
 * part of what it did is done once (see `Pace`); otherwise all of its time counts.
 */
export type FrameJob = () => number | void;

const pending = new Map<object, FrameJob>();
let requested = false;

export function scheduleFrame(owner: object, work: FrameJob): void {
  cancelPaced(owner);
  queue(owner, work);
}

function queue(owner: object, work: FrameJob): void {
  pending.set(owner, work);
  if (requested) return;
  requested = true;
  requestAnimationFrame(flushFrame);
}

export function flushFrame(): void {
  requested = false;
  const jobs = [...pending.entries()];
  pending.clear();
  for (const [owner, job] of jobs) {
    const start = performance.now();
    const recurring = job();
    const cost = typeof recurring === 'number' ? recurring : performance.now() - start;
    lastRuns.set(owner, { start, cost });
  }
}

// Pacing, for work that only previews a later, final update (the tail of a streaming answer).
// Every frame that changes the DOM costs the browser a style, layout, paint and commit pass: about
// 1.5-3 ms in the benchmark's Chromium however small the change, because the view scrolls to follow
// the answer and repaints what is visible. Paced work still runs in an animation frame, but at most
// once per `minIntervalMs` for the same owner (a trade of delay for those passes), and never more
// often than `costFactor` times its own last duration, so a tail that is slow to render (one huge
// table or list) is redrawn less often instead of falling behind the stream. Only the part that
// recurs counts: a frame that also renders blocks completed since the last one (once each) is not
// a reason to wait longer for the next, which would make the next one larger still.
export interface Pace {
  minIntervalMs: number;
  costFactor: number;
}

const lastRuns = new WeakMap<object, { start: number; cost: number }>();
const waiting = new Map<object, { timer: ReturnType<typeof setTimeout>; work: FrameJob }>();

export function schedulePaced(owner: object, work: FrameJob, pace: Pace): void {
  if (pending.has(owner)) {
    pending.set(owner, work);
    return;
  }
  const entry = waiting.get(owner);
  if (entry) {
    entry.work = work;
    return;
  }
  const last = lastRuns.get(owner);
  const interval = last ? Math.max(pace.minIntervalMs, last.cost * pace.costFactor) : 0;
  const wait = last ? last.start + interval - performance.now() : 0;
  if (wait <= 0) {
    queue(owner, work);
    return;
  }
  const timer = setTimeout(() => {
    const due = waiting.get(owner);
    waiting.delete(owner);
    if (due) queue(owner, due.work);
  }, wait);
  waiting.set(owner, { timer, work });
}

function cancelPaced(owner: object): void {
  const entry = waiting.get(owner);
  if (!entry) return;
  clearTimeout(entry.timer);
  waiting.delete(owner);
}
