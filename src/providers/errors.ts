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
  | 'protocol';

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

  constructor(init: ProviderErrorInit) {
    super(init.detail ?? init.userMessage);
    this.kind = init.kind;
    this.status = init.status;
    this.retryAfterSeconds = init.retryAfterSeconds;
    this.requestId = init.requestId;
    this.userMessage = init.userMessage;
    this.code = init.code;
  }

  toJSON(): Record<string, unknown> {
    const { kind, status, retryAfterSeconds, requestId, userMessage, code } = this;
    return { kind, status, retryAfterSeconds, requestId, userMessage, code, message: this.message };
  }
}

export function isProviderError(value: unknown): value is ProviderError {
  return value instanceof ProviderError;
}

/** Replaces every occurrence of each secret; short strings are skipped to avoid mangling text. */
export function redactSecrets(text: string, secrets: readonly (string | undefined)[]): string {
  let result = text;
  for (const secret of secrets) {
    if (secret && secret.length >= 4) result = result.split(secret).join('***');
  }
  return result;
}
