// The one way tests and benches wait: for a condition that something else makes true (a message
// posted, a file written, a notification shown), bounded by a time-out, never for a fixed time.
// A fixed sleep is either too short on a busy machine or wasted on an idle one.

export interface EventuallyOptions {
  /** Generous by default: on a loaded 2-core machine a step can take seconds, not milliseconds. */
  timeoutMs?: number;
  /** How often `check` runs; small enough not to add noticeable delay once the condition holds. */
  intervalMs?: number;
}

const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_INTERVAL_MS = 20;

/** Resolves once `check` holds; rejects naming `what` once `timeoutMs` has passed without it. */
export async function eventually(
  check: () => boolean | Promise<boolean>,
  what: string,
  options: EventuallyOptions = {},
): Promise<void> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const intervalMs = options.intervalMs ?? DEFAULT_INTERVAL_MS;
  const deadline = performance.now() + timeoutMs;
  // Checked once more after the deadline, so a slow sleep never costs the last chance.
  for (;;) {
    if (await check()) return;
    if (performance.now() >= deadline) break;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}
