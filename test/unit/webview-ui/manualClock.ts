import type { Clock, TimerId } from '../../../src/webview-ui/clock';

/**
 * A clock that moves only when the test says so: `spend` is time passing inside a job (no timer
 * can fire during synchronous work), `advance` is time passing between frames (due timers fire),
 * `frame` is the browser running one animation frame.
 */
export class ManualClock implements Clock {
  private time = 0;
  private frameCallbacks: (() => void)[] = [];
  private timers: { id: number; at: number; callback: () => void }[] = [];
  private nextTimerId = 1;

  now(): number {
    return this.time;
  }

  requestFrame(callback: () => void): void {
    this.frameCallbacks.push(callback);
  }

  setTimer(callback: () => void, delayMs: number): TimerId {
    const id = this.nextTimerId++;
    this.timers.push({ id, at: this.time + delayMs, callback });
    return id as unknown as TimerId;
  }

  clearTimer(timer: TimerId): void {
    this.timers = this.timers.filter((t) => t.id !== (timer as unknown as number));
  }

  spend(ms: number): void {
    this.time += ms;
  }

  advance(ms: number): void {
    const until = this.time + ms;
    for (;;) {
      const due = this.timers.filter((t) => t.at <= until).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      this.timers = this.timers.filter((t) => t !== due);
      this.time = Math.max(this.time, due.at);
      due.callback();
    }
    this.time = until;
  }

  /** Runs the callbacks requested before this frame; those they request wait for the next one. */
  frame(): void {
    const callbacks = this.frameCallbacks;
    this.frameCallbacks = [];
    for (const callback of callbacks) callback();
  }

  get framesRequested(): number {
    return this.frameCallbacks.length;
  }

  get timersWaiting(): number {
    return this.timers.length;
  }
}
