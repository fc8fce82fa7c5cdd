// POST /public/v1/response and reading whichever answer format comes back.
import type { HttpClient, HttpResponse } from '../http/types';
import { asRecord, firstString } from '../json';
import { providerError, type ServiceInfo } from '../messages';
import { isSuccess, joinUrl, readJson } from '../requestJson';
import { runStream } from '../stream/run';
import type { ChatEvent } from '../types';
import { isFailureEnvelope, kmError, kmErrorFromResponse, storyIdFrom } from './envelope';
import { kmFormFactory, type KmFile, type KmFormFields } from './form';
import { createKmMapper } from './bodyMapper';
import { kmFormatFor } from './streamMapper';
import { completeEvent, noteStoryId, type KmStreamState } from './streamEvents';

export interface KmSendContext {
  http: HttpClient;
  baseUrl: string;
  service: ServiceInfo;
  token: string;
  secrets: readonly string[];
}

const STREAM_ACCEPT =
  'text/event-stream, application/x-ndjson, application/json;q=0.9, text/plain;q=0.8, */*;q=0.5';

function postResponse(
  ctx: KmSendContext,
  fields: KmFormFields,
  files: readonly KmFile[],
  signal: AbortSignal,
): Promise<HttpResponse> {
  return ctx.http.request({
    method: 'POST',
    url: joinUrl(ctx.baseUrl, '/public/v1/response'),
    headers: {
      accept: fields.streaming ? STREAM_ACCEPT : 'application/json',
      authorization: `Bearer ${ctx.token}`,
    },
    body: kmFormFactory(fields, files),
    signal,
    service: ctx.service,
    secrets: ctx.secrets,
    quotaKey: ctx.token,
  });
}

/** The documented JSON envelope, also what a server that ignores `streaming` sends. */
async function envelopeEvents(
  ctx: KmSendContext,
  response: HttpResponse,
  state: KmStreamState,
): Promise<ChatEvent[]> {
  const json = asRecord(
    await readJson(response, {
      method: 'POST',
      url: joinUrl(ctx.baseUrl, '/public/v1/response'),
      service: ctx.service,
    }),
  );
  const announced = noteStoryId(state, storyIdFrom(json));
  const { requestId } = response;
  if (isFailureEnvelope(json)) {
    const error = kmError(json, response.status, ctx.service, { requestId, secrets: ctx.secrets });
    return [...announced, { type: 'error', error, partialText: '' }];
  }
  const text = firstString(asRecord(json?.data)?.message);
  // An empty answer is no answer to show as finished (stream/run.ts says the same of a stream).
  if (text !== undefined && text.trim() !== '')
    return [...announced, ...completeEvent(state, text)];
  const error = providerError('protocol', ctx.service, {
    requestId,
    detail: 'envelope without data.message',
  });
  return [...announced, { type: 'error', error, partialText: '' }];
}

function unexpectedBody(ctx: KmSendContext, response: HttpResponse): never {
  response.discard();
  const detail = `unexpected ${response.contentType} answer`;
  throw providerError('protocol', ctx.service, {
    status: response.status,
    requestId: response.requestId,
    detail,
  });
}

export async function* sendKmMessage(
  ctx: KmSendContext,
  fields: KmFormFields,
  files: readonly KmFile[],
  signal: AbortSignal,
): AsyncGenerator<ChatEvent> {
  const response = await postResponse(ctx, fields, files, signal);
  if (!isSuccess(response.status))
    throw await kmErrorFromResponse(response, ctx.service, ctx.secrets);
  const state: KmStreamState = {
    text: '',
    finished: false,
    knownStoryId: fields.storyId || undefined,
    service: ctx.service,
    secrets: ctx.secrets,
  };
  // Raw text has nowhere else to carry the id of a new story; other formats may also send it here.
  yield* noteStoryId(state, response.header('x-story-id') ?? response.header('x-mock-story-id'));
  const format = kmFormatFor(response.contentType);
  // An HTML page with status 200 is a captive portal or a wrong base URL, never an answer.
  if (response.contentType === 'text/html') unexpectedBody(ctx, response);
  if (format === 'json' || !fields.streaming) {
    yield* await envelopeEvents(ctx, response, state);
    return;
  }
  const mapper = createKmMapper(format, state);
  const context = {
    service: ctx.service,
    requestId: response.requestId,
    silence: { timeoutMs: ctx.http.options.idleTimeoutMs, release: () => response.discard() },
  };
  yield* runStream(response.body, mapper, context);
}
