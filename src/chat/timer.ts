/** A one-shot timer, injectable so tests fire it by hand instead of waiting. */
export interface Timer {
  /** Runs `fn` after `ms`; returns a cancel function. */
  after(ms: number, fn: () => void): () => void;
}

export const systemTimer: Timer = {
  after(ms, fn) {
    const timer = setTimeout(fn, ms);
    return () => clearTimeout(timer);
  },
};

/**
 * For work that may be dropped when the process ends (it is redone from files at the next start):
 * waiting for it does not keep Node running, so a command-line run exits when its work is done.
 */
export const backgroundTimer: Timer = {
  after(ms, fn) {
    const timer = setTimeout(fn, ms);
    timer.unref();
    return () => clearTimeout(timer);
  },
};
