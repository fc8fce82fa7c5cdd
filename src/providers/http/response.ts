// Wraps undici's response so providers see plain bytes and ProviderErrors, never undici errors.
import type { Dispatcher } from 'undici';
import { ProviderError } from '../errors';
import { cutOffError, providerError } from '../messages';
import { bodyTransportError } from './transportErrors';
import { decodedBody, listedCodings, unreadableCoding } from './contentCoding';
import { secondsUntilReset } from '../quota/rateLimitHeaders';
import { parseRetryAfter } from './retry';
import type { HttpRequest, HttpResponse } from './types';
import { localized } from '../../shared/localized';

type BodyReadable = Dispatcher.ResponseData['body'];

const DEFAULT_TEXT_LIMIT = 1024 * 1024;

async function* iterate(body: BodyReadable, request: HttpRequest): AsyncGenerator<Uint8Array> {
  try {
    for await (const chunk of body) yield chunk as Uint8Array;
  } catch (error) {
    throw bodyTransportError(error, request.service, request.signal, request.secrets);
  } finally {
    // Leaving early (cancel, consumer stopped) must close the socket, not leave it half-read.
    if (!body.destroyed) body.destroy();
  }
}

/**
 * Requests ask for no compression (client.ts), but a server or proxy may compress anyway, and
 * undici's `request` hands over the bytes as sent: read as text they were shown as the answer.
 * What arrived is decoded as it arrives; a body that ends before its compressed stream does was
 * cut off (its text so far is kept), and a coding Twin Chat cannot read is said so.
 */
function decoded(
  body: AsyncGenerator<Uint8Array>,
  encoding: string | readonly string[] | undefined,
  request: HttpRequest,
  requestId: string | undefined,
  release: () => void,
): AsyncGenerator<Uint8Array> {
  const codings = listedCodings(encoding);
  if (codings.length === 0) return body;
  const unreadable = unreadableCoding(codings);
  return (async function* () {
    if (unreadable !== undefined) {
      // `body` was never started, so ending its iterator runs none of its clean-up: a stream the
      // server kept sending held the socket until the idle time-out. Close the response itself.
      release();
      throw unreadableError(unreadable, request, requestId);
    }
    try {
      yield* decodedBody(body, codings);
    } catch (error) {
      throw decodeFailure(error, codings.join(', '), request, requestId);
    } finally {
      // The decoder reads ahead: its read of `body` still waits for bytes, so ending `body`
      // through its iterator would wait too, and a server that holds the stream open after its
      // last event kept the socket until the idle time-out. Closing the response ends that read.
      release();
    }
  })();
}

function unreadableError(
  coding: string,
  request: HttpRequest,
  requestId: string | undefined,
): ProviderError {
  return providerError('protocol', request.service, {
    requestId,
    // Twin Chat's own description of what came, quoted where the server's words would be.
    serverMessage: localized('compressed as "{0}"', coding),
    detail: `unsupported Content-Encoding ${coding}`,
  });
}

/** What a failure while decoding a body `coding` compressed means to the user. */
function decodeFailure(
  error: unknown,
  coding: string,
  request: HttpRequest,
  requestId: string | undefined,
): ProviderError {
  if (error instanceof ProviderError) return error; // the connection's own failure
  if ((error as { code?: unknown }).code === 'Z_BUF_ERROR')
    return cutOffError(request.service, requestId);
  // zlib's own words ("incorrect header check") were all the twin picker showed.
  return providerError('protocol', request.service, {
    requestId,
    serverMessage: localized('compressed as "{0}" in a form Twin Chat could not decode', coding),
    detail: `${coding} body could not be decoded: ${(error as Error).message}`,
  });
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
  const requestId = header('x-request-id') ?? header('request-id') ?? header('x-correlation-id');
  const discard = (): void => {
    if (!data.body.destroyed) data.body.destroy();
  };
  // All of it: two Content-Encoding lines are one list.
  const encoding = data.headers['content-encoding'];
  const body = decoded(iterate(data.body, request), encoding, request, requestId, discard);
  return {
    status: data.statusCode,
    contentType: (header('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '',
    requestId,
    retryAfterSeconds: retryAfter(data.statusCode, header),
    header,
    body,
    text: (maxBytes = DEFAULT_TEXT_LIMIT) => readText(body, maxBytes),
    discard,
  };
}
