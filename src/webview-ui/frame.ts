// DOM work is batched per animation frame: deltas arrive far more often than the screen refreshes,
// so each delta only records data and schedules one callback; the callback runs once per frame no
// matter how many deltas came in.
const pending = new Map<object, () => void>();
let requested = false;

export function scheduleFrame(owner: object, work: () => void): void {
  pending.set(owner, work);
  if (requested) return;
  requested = true;
  requestAnimationFrame(flushFrame);
}

export function flushFrame(): void {
  requested = false;
  const jobs = [...pending.values()];
  pending.clear();
  for (const job of jobs) job();
  afterFlush.forEach((listener) => listener());
}

const afterFlush: (() => void)[] = [];

/** Runs after every batch, e.g. to keep the transcript pinned to the bottom. */
export function onFrameFlushed(listener: () => void): void {
  afterFlush.push(listener);
}
