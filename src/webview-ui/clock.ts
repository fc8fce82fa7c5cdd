/**
 * The webview's time: what "now" is, and how to wait for the next frame or for a delay. Pacing code
 * takes a Clock instead of reading the browser's globals, so a test can step frames and time by
 * hand and check what the code decided; measuring a machine that may be busy proves nothing.
 */
export interface Clock {
  /** Milliseconds on a monotonic scale (`performance.now()` in the browser). */
  now(): number;
  requestFrame(callback: () => void): void;
  setTimer(callback: () => void, delayMs: number): TimerId;
  clearTimer(timer: TimerId): void;
}

export type TimerId = ReturnType<typeof setTimeout>;
