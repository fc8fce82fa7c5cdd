// TwinExpert SSE message -> ChatEvent. The payload schema is undocumented (api-spec T7), so every
// plausible variant is accepted: the event name from `event:` or the JSON `type`; delta text from
// `content` / `delta` / `text` / `message` / `answer`, also inside a `data` wrapper (NestJS's
// MessageEvent), or the raw data (a JSON string is the text it encodes); an optional `[DONE]`
// sentinel. The `complete` payload's text is read against the streamed text
// (stream/restatement.ts): a restatement adds only what extends it, anything else is the last
// chunk (`closingText`). It never replaces the streamed text: the user has read it. An error
// envelope (`success:false`, a failing `status` or `statusCode`) is an error whatever the event
// is called.
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
import { readRestatement } from '../stream/restatement';
import type { SseMessage } from '../stream/sseDecoder';
import { isTeFailure } from './errorBody';
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

/**
 * The text a payload carries, at its top level or in its `data` (or `delta`) wrapper. The top
 * level's `message` is left out when it is the payload's own word: an envelope's
 * (`{"success":true,"message":"Message saved","data":{…}}`), or as the caller says.
 */
function textIn(json: JsonRecord | undefined, ownMessage = true): string | undefined {
  if (!json) return undefined;
  const fields = (record: JsonRecord | undefined, withMessage = true) => [
    record?.content,
    record?.delta,
    record?.text,
    record?.token,
    withMessage ? record?.message : undefined,
    record?.answer,
  ];
  const data = asRecord(json.data);
  const envelope = json.success !== undefined && data !== undefined;
  return firstString(
    ...fields(json, ownMessage && !envelope),
    json.data,
    ...fields(asRecord(json.delta)),
    ...fields(data),
  );
}

/** The answer a complete event restates or ends with; its own `message` string is read apart. */
function finalText(json: JsonRecord | undefined): string | undefined {
  const data = asRecord(json?.data);
  const message =
    asRecord(json?.message) ??
    asRecord(data?.message) ??
    asRecord(data?.assistantMessage) ??
    asRecord(json?.assistantMessage);
  return firstString(message?.content, message?.text) ?? textIn(json, false);
}

/**
 * What a complete event adds: a restatement adds only what extends the streamed text, other text
 * is the last chunk. A `message` string alone may restate the answer, or be the event's own word
 * ("Hoàn thành message"): one that disagrees with what streamed adds nothing.
 */
function closingText(json: JsonRecord | undefined, soFar: string): string | undefined {
  const final = finalText(json);
  if (final !== undefined) {
    const reading = readRestatement(final, soFar);
    return reading.agrees ? reading.added : final;
  }
  const word = asString(json?.message);
  const reading = word === undefined ? undefined : readRestatement(word, soFar);
  return reading?.agrees ? reading.added : undefined;
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
    ? (messageText(json.message) ??
      asString(json.error) ??
      messageText(nested?.message) ??
      messageText(asRecord(json.data)?.message))
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
  const parsed = parseJson(message.data);
  // `data: "chào\nbạn"`: a server that JSON-encodes its text (to keep newlines) means the string.
  const raw = typeof parsed === 'string' ? parsed : message.data;
  if (raw.trim() === '[DONE]') return finish(state);
  const json = asRecord(parsed);
  const name = eventName(message, json);
  if (name === 'progress') return [{ type: 'progress', message: progressText(json, raw) }];
  if (name === 'error' || (json && isTeFailure(json))) {
    state.finished = true;
    return [streamError(json, raw, service, state, secrets)];
  }
  if (COMPLETE_NAMES.has(name))
    return [...delta(state, closingText(json, state.text)), ...finish(state)];
  if (!DELTA_NAMES.has(name)) return [];
  return delta(state, json ? textIn(json) : raw);
}

function delta(state: TeStreamState, text: string | undefined): ChatEvent[] {
  if (!text) return [];
  state.text += text;
  return [{ type: 'delta', text }];
}

/** `complete` always carries exactly what the deltas built. */
function finish(state: TeStreamState): ChatEvent[] {
  state.finished = true;
  return [{ type: 'complete', text: state.text }];
}
