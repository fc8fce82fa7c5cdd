// One error type for every provider failure. `userMessage` is what people read (one sentence plus
// the next step); `message` is the developer detail for logs. Neither may ever contain a secret:
// build them through `redactSecrets` whenever server or library text is included.

export type ErrorKind =
  | 'auth'
  | 'forbidden'
  | 'notFound'
  | 'rateLimited'
  | 'badRequest'
  | 'server'
  | 'network'
  | 'timeout'
  | 'cancelled'
  | 'protocol'
  /** The answer grew past the size the user allows (twinChat.chat.maxAnswerSizeMB). */
  | 'tooLarge'
  /** A plain http:// base URL to another computer: the credential would cross unencrypted. */
  | 'insecureUrl';

/**
 * The longest wait a server may ask for. The view disables Retry while it counts down, so a
 * hostile or broken `Retry-After` / `meta.retryAfter` (1e9) must not disable it for good.
 */
export const MAX_RETRY_AFTER_SECONDS = 3600;

export function boundRetryAfter(seconds: number | undefined): number | undefined {
  if (seconds === undefined || Number.isNaN(seconds)) return undefined;
  return Math.min(MAX_RETRY_AFTER_SECONDS, Math.max(0, seconds));
}

export interface ProviderErrorInit {
  kind: ErrorKind;
  userMessage: string;
  /** Developer detail for logs; defaults to the user message. */
  detail?: string;
  status?: number;
  retryAfterSeconds?: number;
  requestId?: string;
  /** The error code the server sent (`error`, `data.code`) or the library's `err.code`. */
  code?: string;
  /**
   * The server's own words, its code and message (e.g. `NOT_ENOUGH_AVAILABLE_MONEY: <text>`),
   * shown under the user message as a details line. Redacted by whoever builds it, as plain text.
   */
  serverDetail?: string;
}

/** A server's message can be a whole page; the details line keeps its start. */
export const MAX_SERVER_DETAIL_CHARS = 2000;

function boundDetail(detail: string | undefined): string | undefined {
  if (!detail) return undefined;
  return detail.length > MAX_SERVER_DETAIL_CHARS
    ? `${detail.slice(0, MAX_SERVER_DETAIL_CHARS)}…`
    : detail;
}

/**
 * The extension loads the network client lazily as its own bundle (dist/client.js), which carries
 * its own copy of this class. A registry symbol makes `instanceof` hold across both copies.
 */
const BRAND: unique symbol = Symbol.for('twinChat.ProviderError');

export class ProviderError extends Error {
  static override [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === 'object' && value !== null && BRAND in value;
  }

  readonly [BRAND] = true;
  override readonly name = 'ProviderError';
  readonly kind: ErrorKind;
  readonly status?: number;
  readonly retryAfterSeconds?: number;
  readonly requestId?: string;
  readonly userMessage: string;
  readonly code?: string;
  readonly serverDetail?: string;

  constructor(init: ProviderErrorInit) {
    super(init.detail ?? init.userMessage);
    this.kind = init.kind;
    this.status = init.status;
    this.retryAfterSeconds = boundRetryAfter(init.retryAfterSeconds);
    this.requestId = init.requestId;
    this.userMessage = init.userMessage;
    this.code = init.code;
    this.serverDetail = boundDetail(init.serverDetail);
  }

  toJSON(): Record<string, unknown> {
    const { kind, status, retryAfterSeconds, requestId, userMessage, code, serverDetail } = this;
    return {
      kind,
      status,
      retryAfterSeconds,
      requestId,
      userMessage,
      code,
      serverDetail,
      message: this.message,
    };
  }
}

export function isProviderError(value: unknown): value is ProviderError {
  return value instanceof ProviderError;
}

/** A shorter echo of a secret than this is left alone: it could be ordinary text. */
const MIN_ECHO_CHARS = 8;

/** Text as servers and proxies may echo it: ASCII percent-escapes decoded, letters lower-cased. */
interface NormalisedText {
  /** One UTF-16 unit per position; `start`/`end` give where it came from in the original. */
  text: string;
  start: number[];
  end: number[];
}

function normalise(original: string): NormalisedText {
  let text = '';
  const start: number[] = [];
  const end: number[] = [];
  for (let i = 0; i < original.length;) {
    const escape = /^%([0-7][0-9a-f])/i.exec(original.slice(i, i + 3));
    const width = escape ? 3 : 1;
    const unit = escape ? String.fromCharCode(parseInt(escape[1] ?? '', 16)) : (original[i] ?? '');
    const lower = unit.toLowerCase();
    // A few characters lower-case to two units ('İ'); they keep their case so positions line up.
    text += lower.length === 1 ? lower : unit;
    start.push(i);
    end.push(i + width);
    i += width;
  }
  return { text, start, end };
}

/**
 * Where the secret and its echoes are in `original`: any letter case, percent-encoded ASCII
 * characters, and a prefix cut short (at least MIN_ECHO_CHARS long). A linear scan, not a
 * regular expression: one built from a long secret (a JWT is easily thousands of characters)
 * made V8 run out of memory compiling it, which takes the whole extension host down.
 */
function echoRanges(original: string, secret: string): [number, number][] {
  const wanted = secret.toLowerCase();
  const lead = wanted.slice(0, MIN_ECHO_CHARS);
  const { text, start, end } = normalise(original);
  const ranges: [number, number][] = [];
  for (let at = text.indexOf(lead); at !== -1;) {
    let length = lead.length;
    while (length < wanted.length && text[at + length] === wanted[length]) length++;
    ranges.push([start[at] ?? 0, end[at + length - 1] ?? original.length]);
    at = text.indexOf(lead, at + length);
  }
  return ranges;
}

/** Replaces each secret and its echoes; strings under 4 characters are skipped to avoid mangling text. */
export function redactSecrets(text: string, secrets: readonly (string | undefined)[]): string {
  let result = text;
  for (const secret of secrets) {
    if (!secret || secret.length < 4) continue;
    for (const [from, to] of echoRanges(result, secret).reverse()) {
      result = result.slice(0, from) + '***' + result.slice(to);
    }
  }
  return result;
}
