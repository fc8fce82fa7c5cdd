import type { Clock, TimerId } from './clock';

/**
 * A frame's work. Paced work may return how many of its milliseconds recur on the next run, when
 * part of what it did is done once (see `Pace`); otherwise all of its time counts.
 */
export type FrameJob = () => number | void;

/**
 * Pacing, for work that only previews a later, final update (the tail of a streaming answer).
 * Every frame that changes the DOM costs the browser a style, layout, paint and commit pass
 * however small the change. Paced work still runs in an animation frame, but at most once per
 * `minIntervalMs` for the same owner, and never more often than `costFactor` times the part of its
 * last run that recurs, so a tail that is slow to render (one huge table or list) is redrawn less
 * often instead of falling behind the stream. Work done once (blocks completed since the last run)
 * does not count: it would make each wait longer and the next run larger still. The cost is the
 * least of the last `RECENT_RUNS` runs: a run's time is wall-clock time, and one run the operating
 * system paused (a busy CPU) or a garbage collection stretched would otherwise hold the next
 * redraw for four times the pause, while a tail that is really slow is slow on every run.
 * Measurements: docs/ARCHITECTURE.md, "Why the streaming path looks like this".
 */
export interface Pace {
  minIntervalMs: number;
  costFactor: number;
}

/** How many recent runs the pace looks at: one stretched run among them does not count. */
const RECENT_RUNS = 3;

interface LastRuns {
  /** When the latest run started. */
  start: number;
  /** The recurring cost of the latest runs, oldest first, at most `RECENT_RUNS`. */
  costs: number[];
}

/**
 * Batches DOM work per animation frame: deltas arrive far more often than the screen refreshes,
 * so a delta only records data and schedules its owner's job; the job runs once in the next frame
 * however many deltas came in. One job per owner: scheduling again replaces the waiting job.
 */
export class FrameScheduler {
  private readonly pending = new Map<object, FrameJob>();
  private frameRequested = false;
  private readonly lastRuns = new WeakMap<object, LastRuns>();
  private readonly waiting = new Map<object, { timer: TimerId; work: FrameJob }>();

  constructor(private readonly clock: Clock) {}

  /** Runs `work` in the next frame, replacing whatever `owner` had waiting, paced or not. */
  schedule(owner: object, work: FrameJob): void {
    this.cancelPaced(owner);
    this.queue(owner, work);
  }

  /** Runs `work` in a frame no sooner than `pace` allows after `owner`'s last run. */
  schedulePaced(owner: object, work: FrameJob, pace: Pace): void {
    if (this.pending.has(owner)) {
      this.pending.set(owner, work);
      return;
    }
    const entry = this.waiting.get(owner);
    if (entry) {
      entry.work = work;
      return;
    }
    const wait = this.waitBeforeNextRun(owner, pace);
    if (wait <= 0) {
      this.queue(owner, work);
      return;
    }
    const timer = this.clock.setTimer(() => {
      const due = this.waiting.get(owner);
      this.waiting.delete(owner);
      if (due) this.queue(owner, due.work);
    }, wait);
    this.waiting.set(owner, { timer, work });
  }

  private waitBeforeNextRun(owner: object, pace: Pace): number {
    const last = this.lastRuns.get(owner);
    if (!last) return 0;
    const interval = Math.max(pace.minIntervalMs, Math.min(...last.costs) * pace.costFactor);
    return last.start + interval - this.clock.now();
  }

  private queue(owner: object, work: FrameJob): void {
    this.pending.set(owner, work);
    if (this.frameRequested) return;
    this.frameRequested = true;
    this.clock.requestFrame(() => this.runFrame());
  }

  private runFrame(): void {
    this.frameRequested = false;
    const jobs = [...this.pending.entries()];
    this.pending.clear();
    for (const [owner, job] of jobs) {
      const start = this.clock.now();
      const recurring = job();
      const cost = typeof recurring === 'number' ? recurring : this.clock.now() - start;
      const costs = [...(this.lastRuns.get(owner)?.costs ?? []), cost].slice(-RECENT_RUNS);
      this.lastRuns.set(owner, { start, costs });
    }
  }

  private cancelPaced(owner: object): void {
    const entry = this.waiting.get(owner);
    if (!entry) return;
    this.clock.clearTimer(entry.timer);
    this.waiting.delete(owner);
  }
}
