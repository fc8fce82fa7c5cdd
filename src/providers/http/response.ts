// Wraps undici's response so providers see plain bytes and ProviderErrors, never undici errors.
import type { Dispatcher } from 'undici';
import { transportError } from './transportErrors';
import { secondsUntilReset } from '../quota/rateLimitHeaders';
import { parseRetryAfter } from './retry';
import type { HttpRequest, HttpResponse } from './types';

type BodyReadable = Dispatcher.ResponseData['body'];

const DEFAULT_TEXT_LIMIT = 1024 * 1024;

async function* iterate(body: BodyReadable, request: HttpRequest): AsyncGenerator<Uint8Array> {
  try {
    for await (const chunk of body) yield chunk as Uint8Array;
  } catch (error) {
    throw transportError(error, request.service, request.signal, request.secrets);
  } finally {
    // Leaving early (cancel, consumer stopped) must close the socket, not leave it half-read.
    if (!body.destroyed) body.destroy();
  }
}

async function readText(body: AsyncIterable<Uint8Array>, maxBytes: number): Promise<string> {
  const decoder = new TextDecoder();
  let text = '';
  let bytes = 0;
  for await (const chunk of body) {
    const room = maxBytes - bytes;
    text += decoder.decode(chunk.subarray(0, room), { stream: true });
    bytes += Math.min(chunk.byteLength, room);
    if (bytes >= maxBytes) break;
  }
  return text + decoder.decode();
}

export function headerValue(
  headers: Dispatcher.ResponseData['headers'],
  name: string,
): string | undefined {
  const value = headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * How long a refused request should wait: Retry-After when sent, else (for a 429 only) the time
 * until X-RateLimit-Reset, which TwinExpert documents on every response while Retry-After is not.
 */
function retryAfter(status: number, header: (name: string) => string | undefined) {
  const explicit = parseRetryAfter(header('retry-after'));
  if (explicit !== undefined || status !== 429) return explicit;
  return secondsUntilReset(header('x-ratelimit-reset'));
}

export function wrapResponse(data: Dispatcher.ResponseData, request: HttpRequest): HttpResponse {
  const header = (name: string): string | undefined => headerValue(data.headers, name);
  // Destroying an unread body emits 'error' (AbortError); readers get errors through iteration.
  data.body.on('error', () => undefined);
  const body = iterate(data.body, request);
  const requestId = header('x-request-id') ?? header('request-id') ?? header('x-correlation-id');
  return {
    status: data.statusCode,
    contentType: (header('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '',
    requestId,
    retryAfterSeconds: retryAfter(data.statusCode, header),
    header,
    body,
    text: (maxBytes = DEFAULT_TEXT_LIMIT) => readText(body, maxBytes),
    discard: () => {
      if (!data.body.destroyed) data.body.destroy();
    },
  };
}
