/**
 * Gathers streamed text and hands it on in as few messages as keep it prompt.
 *
 * A fast server can send thousands of tiny deltas a second, and one postMessage per delta would
 * flood the webview; but every millisecond text waits here is a millisecond the user waits too
 * (the latency benchmark showed a fixed 30 ms window was half the delay between the socket and
 * the screen). So the first delta after a quiet spell goes out as soon as the deltas that arrived
 * with it (one socket read) have been parsed, and while text keeps coming, messages go out at
 * most once per `intervalMs`: at 200 deltas a second that is nearly one message per delta, and a
 * flood still becomes at most 1000 / `intervalMs` messages a second.
 */
export class DeltaCoalescer {
  private pending = '';
  private cancelScheduled: (() => void) | undefined;
  private lastEmit = -Infinity;

  constructor(
    private readonly emit: (text: string) => void,
    private readonly intervalMs = DEFAULT_INTERVAL_MS,
    private readonly clock: CoalescerClock = systemClock,
  ) {}

  push(text: string): void {
    this.pending += text;
    if (this.cancelScheduled) return;
    const wait = this.lastEmit + this.intervalMs - this.clock.now();
    const flush = (): void => this.flush();
    this.cancelScheduled = wait > 0 ? this.clock.after(wait, flush) : this.clock.soon(flush);
  }

  /** Sends whatever is pending now; called before any message that must follow the text. */
  flush(): void {
    this.cancel();
    if (!this.pending) return;
    const text = this.pending;
    this.pending = '';
    this.lastEmit = this.clock.now();
    this.emit(text);
  }

  dispose(): void {
    this.cancel();
    this.pending = '';
  }

  private cancel(): void {
    this.cancelScheduled?.();
    this.cancelScheduled = undefined;
  }
}

/** About a quarter of a display frame: rarely holds a delta back at chat speeds. */
export const DEFAULT_INTERVAL_MS = 4;

/** Time and scheduling, injectable so tests can step through a stream deterministically. */
export interface CoalescerClock {
  now(): number;
  /** Runs `fn` after `ms`; returns a cancel function. */
  after(ms: number, fn: () => void): () => void;
  /** Runs `fn` once the current I/O callbacks (the rest of this socket read) are done. */
  soon(fn: () => void): () => void;
}

const systemClock: CoalescerClock = {
  now: () => performance.now(),
  after(ms, fn) {
    const timer = setTimeout(fn, ms);
    return () => clearTimeout(timer);
  },
  soon(fn) {
    const immediate = setImmediate(fn);
    return () => clearImmediate(immediate);
  },
};
