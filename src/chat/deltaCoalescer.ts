/**
 * Gathers streamed text and hands it on in as few messages as keep it prompt. The first delta
 * after a quiet spell goes out as soon as the deltas that arrived with it (one socket read) have
 * been parsed; while text keeps coming, messages go out at most once per `MESSAGE_INTERVAL_MS` on
 * average, so a flood becomes at most 250 messages a second. The average, not a gap between every
 * two: up to `MESSAGE_BURST` messages may go one right after another, so a delta that happens to
 * arrive just after the last one (deltas paced by a server's timer come unevenly) does not wait.
 *
 * Messages are also flow-controlled: at most `window` of them are on their way at once, and the
 * text that arrives meanwhile waits here and goes as one message when one is delivered. Every
 * message costs the receiving side the same fixed work whatever it carries, so a view that falls
 * behind catches up with one message instead of a queue of them. Delivery is what VS Code's
 * `postMessage` promise reports, a reply it sends anyway. The measurements behind these rules:
 * docs/ARCHITECTURE.md, "Why the streaming path looks like this".
 */
export class DeltaCoalescer {
  private pending = '';
  private cancelScheduled: (() => void) | undefined;
  /**
   * When the next message would be due if messages went exactly once per interval (the "virtual
   * scheduling" form of a token bucket): a message may go while it is at most `MESSAGE_BURST - 1`
   * intervals ahead of now.
   */
  private nextDue = -Infinity;
  /** Cancels the give-up timer of each message not yet known to be delivered. */
  private readonly unacknowledged = new Set<() => void>();

  constructor(
    private readonly emit: (text: string) => Delivery,
    private readonly options: CoalescerOptions = {},
    private readonly clock: CoalescerClock = systemClock,
  ) {}

  push(text: string): void {
    this.pending += text;
    this.schedule();
  }

  /** Sends whatever is pending now, past the window; called before a message that must follow. */
  flush(): void {
    this.cancel();
    if (!this.pending) return;
    const text = this.pending;
    this.pending = '';
    this.nextDue = Math.max(this.nextDue, this.clock.now()) + MESSAGE_INTERVAL_MS;
    this.track(this.emit(text));
  }

  /**
   * Forgets the text not sent yet: the whole answer, this text included, is about to be shown
   * from the host's copy (a reloaded view, a conversation shown again), and sending it as well
   * would show it twice.
   */
  discardPending(): void {
    this.cancel();
    this.pending = '';
  }

  dispose(): void {
    this.cancel();
    this.pending = '';
    for (const cancelGiveUp of this.unacknowledged) cancelGiveUp();
    this.unacknowledged.clear();
  }

  private schedule(): void {
    if (this.cancelScheduled || !this.pending) return;
    // A full window: the next delivery calls this again.
    if (this.unacknowledged.size >= (this.options.window ?? DEFAULT_WINDOW)) return;
    const wait = this.nextDue - (MESSAGE_BURST - 1) * MESSAGE_INTERVAL_MS - this.clock.now();
    const flush = (): void => this.flush();
    this.cancelScheduled = wait > 0 ? this.clock.after(wait, flush) : this.clock.soon(flush);
  }

  /**
   * Counts a message as on its way until it is delivered, or for `giveUpMs` at most: a view that
   * never answers (one still loading, a host that drops the reply) must not hold text forever.
   */
  private track(delivery: Delivery): void {
    let settled = false;
    const settle = (): void => {
      if (settled) return;
      settled = true;
      cancelGiveUp();
      this.unacknowledged.delete(cancelGiveUp);
      this.schedule();
    };
    const cancelGiveUp = this.clock.after(this.options.giveUpMs ?? DEFAULT_GIVE_UP_MS, settle);
    this.unacknowledged.add(cancelGiveUp);
    if (delivery) delivery.then(settle, settle);
    else settle();
  }

  private cancel(): void {
    this.cancelScheduled?.();
    this.cancelScheduled = undefined;
  }
}

/** Settles when the receiver has taken the message; nothing when it is taken at once. */
export type Delivery = PromiseLike<unknown> | void;

export interface CoalescerOptions {
  /** How many messages may be on their way, not yet delivered, at once. */
  window?: number;
  /** After this long without word of delivery, a message no longer counts as on its way. */
  giveUpMs?: number;
}

/** The least average time between two messages while text keeps coming: a quarter of a frame. */
export const MESSAGE_INTERVAL_MS = 4;
/**
 * How many messages may go one right after another before that average holds them back: a
 * display frame's worth at that rate. The view draws at most once a frame whatever number of
 * messages came in it, and at chat speeds (200 deltas a second, a little below the rate)
 * no delta waits on a timer. With one message per interval strictly, a delta that came within 4 ms
 * of the last message waited for the rest of it, which was about half of the time Twin Chat's host
 * added over the bare pipeline's (docs/ARCHITECTURE.md).
 */
export const MESSAGE_BURST = 4;
/**
 * One, as the bare pipeline the benchmarks compare with: a second message on its way reaches the
 * view no sooner, it only queues more fixed work on the main thread that the workbench shares
 * with every other view (see docs/ARCHITECTURE.md, "Why the streaming path looks like this").
 */
export const DEFAULT_WINDOW = 1;
const DEFAULT_GIVE_UP_MS = 1_000;

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
