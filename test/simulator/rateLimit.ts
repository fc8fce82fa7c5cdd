// A fixed-window request counter per API key, reported in the X-RateLimit-* headers the
// TwinExpert docs promise on every response (5.5).

export interface RateState {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Unix seconds when the window restarts. */
  reset: number;
  windowSeconds: number;
  retryAfterSeconds: number;
}

interface Bucket {
  count: number;
  resetAt: number;
}

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  /** Counts one request against `key`; `consume=false` only reports (used for rejected keys). */
  take(key: string, limit: number, windowSeconds: number, consume = true): RateState {
    const now = Date.now();
    let bucket = this.buckets.get(key);
    if (!bucket || bucket.resetAt <= now) {
      bucket = { count: 0, resetAt: now + windowSeconds * 1000 };
      if (consume) this.buckets.set(key, bucket);
    }
    const allowed = bucket.count < limit;
    if (allowed && consume) bucket.count++;
    return {
      allowed,
      limit,
      remaining: Math.max(0, limit - bucket.count),
      reset: Math.ceil(bucket.resetAt / 1000),
      windowSeconds,
      retryAfterSeconds: Math.max(1, Math.ceil((bucket.resetAt - now) / 1000)),
    };
  }

  clear(): void {
    this.buckets.clear();
  }
}

/** `seconds`: Reset as seconds until the window restarts, a form some servers use instead. */
export function rateHeaders(
  state: RateState,
  reset: 'epoch' | 'seconds' = 'epoch',
): Record<string, string> {
  const resetValue = reset === 'epoch' ? state.reset : state.retryAfterSeconds;
  return {
    'X-RateLimit-Limit': String(state.limit),
    'X-RateLimit-Remaining': String(state.remaining),
    'X-RateLimit-Reset': String(resetValue),
    'X-RateLimit-Window': String(state.windowSeconds),
  };
}
