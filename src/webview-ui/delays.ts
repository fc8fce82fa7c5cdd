// How long the view's short-lived feedback lasts. Kept free of the DOM so the webview tests, which
// run in Node and drive the page's paused clock, can move the clock by exactly these amounts.

/** Copy's "Copied": long enough to be seen after the click, short enough not to be stale. */
export const COPIED_FEEDBACK_MS = 2_000;

/** The pause between clearing the live region and filling it, so screen readers see a change. */
export const ANNOUNCE_DELAY_MS = 50;

/** How long the Undo bar shows after a delete (the host deletes at once and keeps it for Undo). */
export const UNDO_DELETE_MS = 6_000;
