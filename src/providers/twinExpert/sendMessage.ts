// Sends one message to an existing conversation: SSE (T7) or the JSON endpoint (T6).
import { isSuccess, readJson } from '../requestJson';
import { providerError } from '../messages';
import { runStream } from '../stream/run';
import type { ChatEvent } from '../types';
import { teRequest, teJson, throwIfFailure, type TeContext } from './context';
import { teErrorFromResponse } from './errorBody';
import { assistantTextFrom } from './responses';
import { createTeStreamMapper } from './streamMapper';

function messagesPath(conversationId: string, stream: boolean): string {
  return `/conversations/${encodeURIComponent(conversationId)}/messages${stream ? '/stream' : ''}`;
}

function completeFromJson(ctx: TeContext, json: unknown, requestId: string | undefined): ChatEvent {
  const text = assistantTextFrom(json);
  // An empty answer is no answer to show as finished (stream/run.ts says the same of a stream).
  if (text !== undefined && text.trim() !== '') return { type: 'complete', text };
  const error = providerError('protocol', ctx.service, {
    requestId,
    detail: 'message result without assistant text',
  });
  return { type: 'error', error, partialText: '' };
}

export async function* sendJsonMessage(
  ctx: TeContext,
  conversationId: string,
  text: string,
  signal: AbortSignal,
): AsyncGenerator<ChatEvent> {
  const { json, requestId } = await teJson(
    ctx,
    'POST',
    messagesPath(conversationId, false),
    signal,
    { content: text },
  );
  yield completeFromJson(ctx, json, requestId);
}

export async function* streamMessage(
  ctx: TeContext,
  conversationId: string,
  text: string,
  signal: AbortSignal,
): AsyncGenerator<ChatEvent> {
  const request = teRequest(
    ctx,
    'POST',
    messagesPath(conversationId, true),
    signal,
    { content: text },
    'text/event-stream',
  );
  const response = await ctx.http.request(request);
  if (!isSuccess(response.status))
    throw await teErrorFromResponse(response, ctx.service, [ctx.apiKey]);
  // A server (or proxy) that ignores streaming may answer with the plain JSON result.
  if (response.contentType === 'application/json') {
    const json = await readJson(response, request);
    throwIfFailure(ctx, json, response);
    yield completeFromJson(ctx, json, response.requestId);
    return;
  }
  if (response.contentType !== 'text/event-stream' && response.contentType !== '') {
    response.discard();
    const detail = `expected text/event-stream, got ${response.contentType}`;
    throw providerError('protocol', ctx.service, {
      status: response.status,
      requestId: response.requestId,
      detail,
    });
  }
  yield* runStream(response.body, createTeStreamMapper(ctx.service, [ctx.apiKey]), {
    service: ctx.service,
    requestId: response.requestId,
    silence: { timeoutMs: ctx.http.options.idleTimeoutMs, release: () => response.discard() },
  });
}
