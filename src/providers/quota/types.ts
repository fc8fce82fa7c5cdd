// What a service last said about how many requests a key has left. Nothing here touches VS Code:
// the extension, the CLI and the tests share it.

export interface Quota {
  /** Requests allowed in the window (X-RateLimit-Limit). */
  limit: number;
  /** Requests left in the window (X-RateLimit-Remaining), never above `limit`. */
  remaining: number;
  /** When the window restarts, epoch milliseconds (X-RateLimit-Reset), when the server said. */
  resetAt?: number;
  windowSeconds?: number;
  /** When the response carrying these numbers arrived, epoch milliseconds. */
  observedAt: number;
}

/** A quota reading together with whose it is: the service's name and a fingerprint of the key. */
export interface QuotaReading {
  service: string;
  keyId: string;
  quota: Quota;
}

/** Where the HTTP client reports the rate-limit headers of every response it receives. */
export interface QuotaRecorder {
  record(service: string, key: string, quota: Quota): void;
}

/** Below this share of the limit the user is warned (once per key and window). */
export const LOW_QUOTA_SHARE = 0.1;

export function isLow(quota: Quota): boolean {
  return quota.limit > 0 && quota.remaining < quota.limit * LOW_QUOTA_SHARE;
}
