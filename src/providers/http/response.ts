// Wraps undici's response so providers see plain bytes and ProviderErrors, never undici errors.
import { Readable } from 'node:stream';
import * as zlib from 'node:zlib';
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

/**
 * Requests ask for no compression (client.ts), but a server or proxy may compress anyway, and
 * undici's `request` hands over the bytes as sent: read as text they were shown as the answer.
 * A cut body is flushed as far as it goes, so a cut stream still reads as cut off, not unreadable.
 */
function decompressor(
  encoding: string | undefined,
): zlib.Gunzip | zlib.Inflate | zlib.BrotliDecompress | undefined {
  switch (encoding?.trim().toLowerCase()) {
    case 'gzip':
    case 'x-gzip':
      return zlib.createGunzip({ finishFlush: zlib.constants.Z_SYNC_FLUSH });
    case 'deflate':
      return zlib.createInflate({ finishFlush: zlib.constants.Z_SYNC_FLUSH });
    case 'br':
      return zlib.createBrotliDecompress({
        finishFlush: zlib.constants.BROTLI_OPERATION_FLUSH,
      });
    default:
      return undefined;
  }
}

function decoded(
  body: AsyncGenerator<Uint8Array>,
  encoding: string | undefined,
): AsyncGenerator<Uint8Array> {
  const inflater = decompressor(encoding);
  if (!inflater) return body;
  const source = Readable.from(body);
  source.on('error', (error) => inflater.destroy(error));
  source.pipe(inflater);
  return (async function* () {
    try {
      for await (const chunk of inflater) yield chunk as Uint8Array;
    } finally {
      source.destroy();
    }
  })();
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
  const body = decoded(iterate(data.body, request), header('content-encoding'));
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
