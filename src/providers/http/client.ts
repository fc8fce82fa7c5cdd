// The one place that sends HTTP: undici with explicit time-outs, one AbortSignal per request, and
// retries only before any answer byte arrived.
import type { Readable } from 'node:stream';
import { request as undiciRequest, type Dispatcher } from 'undici';
import type { MultipartBody } from './multipart';
import { plainHttpRefusal } from './plainHttp';
import { createDispatcher } from './proxy';
import { redirectRefusal } from './redirect';
import { wrapResponse } from './response';
import {
  abortableSleep,
  backoffDelay,
  isRetryableCode,
  isRetryableStatus,
  retryWaitMs,
} from './retry';
import { quotaFromHeaders } from '../quota/rateLimitHeaders';
import { errorCode, transportError } from './transportErrors';
import {
  DEFAULT_RETRY,
  type HttpClient,
  type HttpOptions,
  type HttpRequest,
  type HttpResponse,
} from './types';

function logPath(url: string): string {
  try {
    const parsed = new URL(url);
    return parsed.pathname + parsed.search;
  } catch {
    return '(invalid url)';
  }
}

function encodeBody(body: string | MultipartBody | undefined): {
  body: string | Readable | undefined;
  headers: Record<string, string>;
} {
  if (typeof body !== 'object') return { body, headers: {} };
  return {
    // undici takes any async iterable as a body (its typings leave that out) and asks for the
    // next chunk only once the socket has room: a file is read as fast as it is sent.
    body: body.chunks() as unknown as Readable,
    headers: { 'content-type': body.contentType, 'content-length': String(body.length) },
  };
}

/** A redirect is answered with the error that says so (redirect.ts), its body released. */
function refuseRedirect(response: HttpResponse, request: HttpRequest): HttpResponse {
  const refusal = redirectRefusal(response, request);
  if (!refusal) return response;
  response.discard();
  throw refusal;
}

export function createHttpClient(options: HttpOptions): HttpClient {
  const dispatcher = createDispatcher(options);
  const retry = options.retry ?? DEFAULT_RETRY;
  const maxAttempts = Math.max(1, Math.min(10, retry.maxAttempts));

  function attempt(request: HttpRequest): Promise<Dispatcher.ResponseData> {
    const body = encodeBody(request.body?.());
    return undiciRequest(request.url, {
      dispatcher,
      method: request.method,
      headers: {
        'user-agent': options.userAgent ?? 'twin-chat',
        // Bytes as sent, so a stream's text arrives as it is written (response.ts decodes a
        // server that compresses anyway).
        'accept-encoding': 'identity',
        ...request.headers,
        ...body.headers,
      },
      body: body.body,
      signal: request.signal,
      headersTimeout: options.firstByteTimeoutMs,
      bodyTimeout: options.idleTimeoutMs,
    });
  }

  function log(
    request: HttpRequest,
    started: number,
    extra: { status?: number; requestId?: string; error?: string },
  ): void {
    const durationMs = Math.round(performance.now() - started);
    options.onRequestLog?.({
      method: request.method,
      path: logPath(request.url),
      durationMs,
      ...extra,
    });
  }

  function remember(request: HttpRequest, response: HttpResponse): void {
    if (!options.quota || request.quotaKey === undefined) return;
    const quota = quotaFromHeaders((name) => response.header(name));
    if (quota) options.quota.record(request.service.name, request.quotaKey, quota);
  }

  async function send(request: HttpRequest): Promise<HttpResponse> {
    const refused = plainHttpRefusal(request);
    if (refused) {
      log(request, performance.now(), { error: refused.kind });
      throw refused;
    }
    for (let n = 1; ; n++) {
      const started = performance.now();
      let response: HttpResponse;
      try {
        response = wrapResponse(await attempt(request), request);
      } catch (error) {
        const failure = transportError(error, request.service, request.signal, request.secrets);
        log(request, started, { error: failure.code ?? failure.kind });
        const retryable = n < maxAttempts && failure.kind !== 'cancelled';
        if (!retryable || !isRetryableCode(errorCode(error), request.method)) throw failure;
        await abortableSleep(backoffDelay(n, retry), request.signal);
        continue;
      }
      log(request, started, { status: response.status, requestId: response.requestId });
      remember(request, response);
      const wait =
        n < maxAttempts && isRetryableStatus(response.status)
          ? retryWaitMs(n, response.retryAfterSeconds, retry)
          : undefined;
      if (wait === undefined) return refuseRedirect(response, request);
      response.discard();
      await abortableSleep(wait, request.signal);
    }
  }

  const close = (): Promise<void> => dispatcher.close();
  return { options, request: send, dispose: close, close };
}
