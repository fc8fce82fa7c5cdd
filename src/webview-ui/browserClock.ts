import type { Clock } from './clock';
import { FrameScheduler } from './frameScheduler';

/** The browser's own clock. It reads the globals at each call, so a test's fake clock applies. */
export const browserClock: Clock = {
  now: () => performance.now(),
  requestFrame: (callback) => {
    requestAnimationFrame(() => callback());
  },
  setTimer: (callback, delayMs) => setTimeout(callback, delayMs),
  clearTimer: (timer) => clearTimeout(timer),
};

/** The page's one frame scheduler: every view batches its DOM work into the same frames. */
export const frames = new FrameScheduler(browserClock);
