import { systemTimer, type Timer } from './timer';

/**
 * Runs `work` once for a burst of requests instead of once per request: the first request starts
 * a short wait, every request until it ends joins it, and `work` runs at its end, reading the
 * state of that moment. For announcements whose content is read when they run (the history list),
 * so nothing a joined request changed is left out.
 *
 * Why: answers start and end together (four tabs, "Ask Twins Side by Side"), and each start and
 * end re-sent the whole history list to every open chat, which re-rendered it. Those renders run
 * on the workbench's main thread, the one every webview shares in the web workbench, in the same
 * moments the other answers' first and last deltas are drawn (bench/concurrent.ts, its profile).
 */
export class Gathered {
  private cancelWait: (() => void) | undefined;
  private disposed = false;

  constructor(
    private readonly work: () => void,
    private readonly waitMs: number,
    private readonly timer: Timer = systemTimer,
  ) {}

  request(): void {
    if (this.disposed || this.cancelWait) return;
    this.cancelWait = this.timer.after(this.waitMs, () => {
      this.cancelWait = undefined;
      this.work();
    });
  }

  /** Cancels a pending run and refuses later requests (answers ending after shutdown request one). */
  dispose(): void {
    this.disposed = true;
    this.cancelWait?.();
    this.cancelWait = undefined;
  }
}
