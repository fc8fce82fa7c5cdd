/**
 * Runs `work` at most once per `intervalMs` while `request()` keeps being called, and once more
 * at the end of a burst, so a streaming answer is checkpointed about once a second.
 */
export class Throttle {
  private last = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly work: () => void,
    /** Read each time, so the pace can follow what the work costs. */
    private readonly intervalMs: number | (() => number),
    private readonly now: () => number = Date.now,
  ) {}

  request(): void {
    if (this.timer) return;
    const interval = typeof this.intervalMs === 'number' ? this.intervalMs : this.intervalMs();
    const wait = Math.max(0, this.last + interval - this.now());
    this.timer = setTimeout(() => this.run(), wait);
  }

  private run(): void {
    this.timer = undefined;
    this.last = this.now();
    this.work();
  }

  cancel(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
