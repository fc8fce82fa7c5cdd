// Reads TwinExpert's X-RateLimit-* headers (api-spec 1.1 "Rate limiting"). The docs say only that
// Reset is "a timestamp"; the one example is Unix seconds, but servers also send milliseconds,
// seconds-until-reset or an HTTP/ISO date, so every plausible form is accepted.
import type { Quota } from './types';

/** Anything below this is a delay in seconds, not a Unix time (1e9 s is September 2001). */
const EARLIEST_EPOCH_SECONDS = 1e9;
/** Anything above this is Unix milliseconds (1e12 ms is September 2001; 1e12 s is year 33658). */
const EARLIEST_EPOCH_MS = 1e12;

function count(value: string | undefined): number | undefined {
  const text = value?.trim();
  if (!text || !/^\d+$/.test(text)) return undefined;
  const n = Number(text);
  return Number.isSafeInteger(n) ? n : undefined;
}

/** When the window restarts, as epoch milliseconds, or undefined when unreadable. */
export function parseResetAt(value: string | undefined, now: number): number | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  if (/^\d+(\.\d+)?$/.test(text)) {
    const n = Number(text);
    if (n >= EARLIEST_EPOCH_MS) return Math.round(n);
    if (n >= EARLIEST_EPOCH_SECONDS) return Math.round(n * 1000);
    return now + Math.round(n * 1000);
  }
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : date;
}

/** Seconds until `value` (an X-RateLimit-Reset), at least 1, for a 429 that sent no Retry-After. */
export function secondsUntilReset(value: string | undefined, now = Date.now()): number | undefined {
  const resetAt = parseResetAt(value, now);
  return resetAt === undefined ? undefined : Math.max(1, Math.ceil((resetAt - now) / 1000));
}

/** A quota from one response's headers; undefined unless both Limit and Remaining are readable. */
export function quotaFromHeaders(
  header: (name: string) => string | undefined,
  now = Date.now(),
): Quota | undefined {
  const limit = count(header('x-ratelimit-limit'));
  const remaining = count(header('x-ratelimit-remaining'));
  if (limit === undefined || remaining === undefined) return undefined;
  const resetAt = parseResetAt(header('x-ratelimit-reset'), now);
  const windowSeconds = count(header('x-ratelimit-window'));
  return {
    limit,
    remaining: Math.min(remaining, limit),
    ...(resetAt !== undefined ? { resetAt } : {}),
    ...(windowSeconds !== undefined ? { windowSeconds } : {}),
    observedAt: now,
  };
}
