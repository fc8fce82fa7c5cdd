// One KamiMind stream payload (an SSE data field or an NDJSON line) -> ChatEvents. The streaming
// format is undocumented (api-spec K1), so these shapes are all accepted:
//   {"message":"chunk","story_id":"…"}                                  a delta (SSE style)
//   {"success":true,"data":{"message":"chunk","story_id":"…"},"done":false}  a delta (NDJSON style)
//   {"success":true,"data":{"message":"full answer","story_id":"…"}}    the final envelope
//   {"success":false,"message":"…"}                                     an error, also mid-stream
//   [DONE]                                                              end marker
import { asRecord, asString, firstString, parseJson, type JsonRecord } from '../json';
import type { ServiceInfo } from '../messages';
import type { ChatEvent } from '../types';
import { kmError, storyIdFrom } from './envelope';

export interface KmStreamState {
  text: string;
  finished: boolean;
  storyId?: string;
  /** The story id the request continued; a different one is announced as a new conversation. */
  readonly knownStoryId?: string;
  readonly service: ServiceInfo;
  readonly secrets: readonly (string | undefined)[];
}

const COMPLETE_NAMES = new Set(['complete', 'completed', 'done', 'end', 'final']);
const DELTA_NAMES = new Set(['message', 'delta', 'chunk', 'token', 'content']);

/** Events of a type we do not know (keep-alives, metadata) must not leak into the answer. */
function isIgnored(name: string | undefined): boolean {
  return (
    name !== undefined && name !== 'error' && !COMPLETE_NAMES.has(name) && !DELTA_NAMES.has(name)
  );
}

export function noteStoryId(state: KmStreamState, id: string | undefined): ChatEvent[] {
  if (!id || state.storyId) return [];
  state.storyId = id;
  return id === state.knownStoryId ? [] : [{ type: 'conversation', conversationId: id }];
}

export function completeEvent(state: KmStreamState, text: string): ChatEvent[] {
  state.finished = true;
  return [{ type: 'complete', text }];
}

function errorEvent(state: KmStreamState, json: JsonRecord | undefined, raw: string): ChatEvent[] {
  state.finished = true;
  const error = kmError(json ?? { message: raw }, 500, state.service, { secrets: state.secrets });
  return [{ type: 'error', error, partialText: state.text }];
}

function isComplete(json: JsonRecord, name: string | undefined): boolean {
  if (json.done === true || (name !== undefined && COMPLETE_NAMES.has(name))) return true;
  // An envelope with success:true and no `done` flag is the final, whole answer.
  return (
    json.success === true &&
    json.done === undefined &&
    typeof asRecord(json.data)?.message === 'string'
  );
}

function deltaText(json: JsonRecord): string | undefined {
  const data = asRecord(json.data);
  return firstString(data?.message, json.delta, json.content, json.text, json.message, json.token);
}

function delta(state: KmStreamState, text: string | undefined): ChatEvent[] {
  if (!text) return [];
  state.text += text;
  return [{ type: 'delta', text }];
}

/** `eventName` is the SSE `event:` field (undefined for NDJSON). */
export function mapKmPayload(
  raw: string,
  eventName: string | undefined,
  state: KmStreamState,
): ChatEvent[] {
  if (state.finished) return [];
  if (raw.trim() === '[DONE]') return completeEvent(state, state.text);
  const json = asRecord(parseJson(raw));
  const name = (
    eventName && eventName !== 'message'
      ? eventName
      : (asString(json?.type) ?? asString(json?.event))
  )?.toLowerCase();
  if (isIgnored(name)) return noteStoryId(state, storyIdFrom(json));
  if (!json) return name === 'error' ? errorEvent(state, undefined, raw) : delta(state, raw);
  const announced = noteStoryId(state, storyIdFrom(json));
  if (json.success === false || name === 'error')
    return [...announced, ...errorEvent(state, json, raw)];
  if (isComplete(json, name)) {
    const data = asRecord(json.data);
    const full = firstString(data?.message, json.content, json.text, json.answer) ?? state.text;
    return [...announced, ...completeEvent(state, full)];
  }
  return [...announced, ...delta(state, deltaText(json))];
}
