// When and how long to wait before trying a request again. Retrying is only safe before any answer
// byte arrived: a POST that already streamed part of an answer must never be sent twice.
import { ProviderError } from '../errors';
import type { HttpMethod, RetryOptions } from './types';
import { localized } from '../../shared/localized';

const RETRYABLE_STATUSES = new Set([429, 502, 503, 504]);

/** Errors meaning the request never reached the server, so even a POST can be resent. */
const CONNECT_CODES = new Set([
  'ECONNREFUSED',
  'UND_ERR_CONNECT_TIMEOUT',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);

/** A GET may also be resent after the connection dropped before the answer (a stale keep-alive). */
const IDEMPOTENT_ONLY_CODES = new Set(['ECONNRESET', 'UND_ERR_SOCKET', 'EPIPE']);

export function isRetryableStatus(status: number): boolean {
  return RETRYABLE_STATUSES.has(status);
}

export function isRetryableCode(code: string | undefined, method: HttpMethod): boolean {
  if (!code) return false;
  return CONNECT_CODES.has(code) || (method === 'GET' && IDEMPOTENT_ONLY_CODES.has(code));
}

/** Retry-After is either delay-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, Math.ceil((date - now) / 1000));
}

/** Exponential backoff with "equal jitter": half fixed, half random, never above the cap. */
export function backoffDelay(attempt: number, options: RetryOptions, random = Math.random): number {
  const exponential = options.baseDelayMs * 2 ** Math.max(0, attempt - 1);
  const capped = Math.min(options.maxDelayMs, exponential);
  return Math.round(capped / 2 + random() * (capped / 2));
}

/** The wait before the next attempt, or undefined when the server asks for longer than the cap. */
export function retryWaitMs(
  attempt: number,
  retryAfterSeconds: number | undefined,
  options: RetryOptions,
): number | undefined {
  if (retryAfterSeconds === undefined) return backoffDelay(attempt, options);
  const ms = retryAfterSeconds * 1000;
  return ms <= options.maxDelayMs ? ms : undefined;
}

export function abortableSleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(cancelledError());
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(cancelledError());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export function cancelledError(): ProviderError {
  return new ProviderError({
    kind: 'cancelled',
    userMessage: localized('The request was cancelled.'),
  });
}
