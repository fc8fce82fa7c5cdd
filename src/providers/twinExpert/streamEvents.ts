// TwinExpert SSE message -> ChatEvent. The payload schema is undocumented (api-spec T7), so every
// plausible variant is accepted: the event name from `event:` or the JSON `type`; delta text from
// `content` / `delta` / `text` or the raw data; final text from the `complete` payload or, failing
// that, the deltas received; an optional `[DONE]` sentinel.
import { redactSecrets } from '../errors';
import {
  asNumber,
  asRecord,
  asString,
  firstString,
  messageText,
  parseJson,
  type JsonRecord,
} from '../json';
import { kindForStatus, providerError, type ServiceInfo } from '../messages';
import type { SseMessage } from '../stream/sseDecoder';
import type { ChatEvent } from '../types';

export interface TeStreamState {
  text: string;
  finished: boolean;
}

const DELTA_NAMES = new Set(['delta', 'message', 'token', 'chunk', 'content']);
const COMPLETE_NAMES = new Set(['complete', 'completed', 'done', 'end']);

function eventName(message: SseMessage, json: JsonRecord | undefined): string {
  const named = message.event && message.event !== 'message' ? message.event : undefined;
  return (named ?? asString(json?.type) ?? asString(json?.event) ?? 'message').toLowerCase();
}

function progressText(json: JsonRecord | undefined, raw: string): string {
  if (!json) return raw;
  const value = json.message ?? json.status ?? json.progress ?? json.stage;
  if (typeof value === 'string') return value;
  return value === undefined ? '' : JSON.stringify(value);
}

function deltaText(json: JsonRecord | undefined, raw: string): string | undefined {
  if (!json) return raw;
  const nested = asRecord(json.delta);
  return firstString(
    json.content,
    json.delta,
    json.text,
    nested?.content,
    nested?.text,
    json.token,
  );
}

function finalText(json: JsonRecord | undefined, state: TeStreamState): string {
  const message = asRecord(json?.message);
  const data = asRecord(json?.data);
  const text = firstString(
    message?.content,
    json?.content,
    json?.text,
    json?.message,
    data?.content,
  );
  return text ?? state.text;
}

function streamError(
  json: JsonRecord | undefined,
  raw: string,
  service: ServiceInfo,
  state: TeStreamState,
  secrets: readonly (string | undefined)[],
): ChatEvent {
  const nested = asRecord(json?.error);
  const text = json
    ? (messageText(json.message) ?? asString(json.error) ?? messageText(nested?.message))
    : raw || undefined;
  const serverMessage = text === undefined ? undefined : redactSecrets(text, secrets);
  const status = asNumber(json?.statusCode ?? json?.status ?? nested?.statusCode);
  const code = asString(json?.code) ?? asString(nested?.code) ?? asString(json?.error);
  const kind =
    status !== undefined
      ? kindForStatus(status)
      : code === 'RATE_LIMIT_EXCEEDED'
        ? 'rateLimited'
        : 'server';
  const meta = asRecord(json?.meta);
  const error = providerError(kind, service, {
    serverMessage,
    status,
    code,
    requestId: asString(meta?.requestId),
    retryAfterSeconds: asNumber(meta?.retryAfter ?? json?.retryAfter),
    detail: `${service.name} sent an error event: ${serverMessage ?? '(no message)'}`,
  });
  return { type: 'error', error, partialText: state.text };
}

/** Maps one SSE message; returns [] for messages that carry nothing for the user. */
export function mapTeMessage(
  message: SseMessage,
  state: TeStreamState,
  service: ServiceInfo,
  secrets: readonly (string | undefined)[] = [],
): ChatEvent[] {
  if (state.finished) return [];
  const raw = message.data;
  if (raw.trim() === '[DONE]') return finish(state, state.text);
  const json = asRecord(parseJson(raw));
  const name = eventName(message, json);
  if (name === 'progress') return [{ type: 'progress', message: progressText(json, raw) }];
  if (name === 'error') {
    state.finished = true;
    return [streamError(json, raw, service, state, secrets)];
  }
  if (COMPLETE_NAMES.has(name)) return finish(state, finalText(json, state));
  if (!DELTA_NAMES.has(name)) return [];
  const text = deltaText(json, raw);
  if (!text) return [];
  state.text += text;
  return [{ type: 'delta', text }];
}

function finish(state: TeStreamState, text: string): ChatEvent[] {
  state.finished = true;
  return [{ type: 'complete', text }];
}
