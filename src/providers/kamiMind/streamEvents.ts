// One KamiMind stream payload (an SSE data field or an NDJSON line) -> ChatEvents. The streaming
// format is undocumented (api-spec K1), so these shapes are all accepted:
//   {"message":"chunk","story_id":"…"}                                  a delta (SSE style)
//   {"success":true,"data":{"message":"chunk","story_id":"…"},"done":false}  a delta (NDJSON style)
//   {"success":true,"data":{"message":"text","story_id":"…"}}           the documented envelope
//   {"success":true,"data":{"message":"full answer"},"done":true}       end marker with the answer
//   {"success":false,"message":"…"}                                     an error, also mid-stream
//   [DONE]                                                              end marker
//   "chunk"                                                             a JSON string: its text
// The answer is decided from the whole stream, never the first line:
// - a payload that says it is a part (`done:false`, a delta event name, the bare SSE chunk shape)
//   is a chunk, appended whole;
// - the documented envelope says nothing. Once chunks were seen, it is the server's final
//   restatement of the answer: it ends the answer, and only what extends the streamed text is
//   added (stream/restatement.ts). A restatement that disagrees with the streamed text (trimmed,
//   rewritten) adds nothing: the user has already read the streamed text, and showing both would
//   double the answer;
// - in a stream of nothing but documented envelopes, each is read against the text so far
//   (stream/cumulativeText.ts): a chunk is appended, a snapshot that extends the text adds only
//   its new part, a repeat of the whole text adds nothing;
// - the message of an end marker (`done:true`, a complete event name) may restate the answer or
//   be its last chunk. It is read like the final envelope; one that disagrees with the streamed
//   text (does not start with it, whitespace aside) is the last chunk and is appended. It never
//   replaces the streamed text: `complete` always carries exactly what the deltas built;
// - the answer ends at a marker (`done:true`, `[DONE]`, a complete event name), at the final
//   envelope after chunks, or, when the last payload was the documented envelope with no `done`
//   flag (nothing promised a marker), at a clean end of the body (`endOfBody`). A broken
//   connection never ends an answer: it stays cut off.
// A stream that announces a marker (`done:false`, event names, bare SSE chunks) and then ends
// without it is still reported as cut off.
import {
  asRecord,
  asString,
  firstString,
  parseJson,
  statusSaysFailure,
  type JsonRecord,
} from '../json';
import type { ServiceInfo } from '../messages';
import { readCumulative } from '../stream/cumulativeText';
import { readRestatement } from '../stream/restatement';
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
  /** A line extended the text so far, so the stream sends cumulative snapshots. */
  snapshotsSeen?: boolean;
  /** The last payload was the documented envelope without a `done` flag: a clean end completes. */
  endsWithBody?: boolean;
  /** A payload with text that says it is a part was seen: a later documented envelope restates the answer. */
  chunksSeen?: boolean;
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
  return json.done === true || (name !== undefined && COMPLETE_NAMES.has(name));
}

/** The documented K1 envelope, saying nothing about whether more follows. */
function isBareEnvelope(json: JsonRecord, name: string | undefined): boolean {
  return (
    name === undefined &&
    json.success === true &&
    json.done === undefined &&
    typeof asRecord(json.data)?.message === 'string'
  );
}

function deltaText(json: JsonRecord): string | undefined {
  const data = asRecord(json.data);
  // An envelope's own `message` ("Chat successfully") is its word, not text: the text is in `data`.
  const ownWord = json.success !== undefined && data !== undefined;
  return firstString(
    data?.message,
    data?.answer,
    data?.content,
    json.delta,
    json.content,
    json.text,
    ownWord ? undefined : json.message,
    json.answer,
    json.token,
  );
}

function delta(state: KmStreamState, text: string | undefined): ChatEvent[] {
  if (!text) return [];
  state.text += text;
  return [{ type: 'delta', text }];
}

/** The documented envelope may carry a chunk or a cumulative snapshot. */
function envelopeDelta(state: KmStreamState, text: string | undefined): ChatEvent[] {
  if (text === undefined) return [];
  const reading = readCumulative(text, state.text, state.snapshotsSeen === true);
  if (reading.snapshot) state.snapshotsSeen = true;
  return delta(state, reading.added);
}

/** An end marker's message: the rest of the answer, a restatement of it, or its last chunk. */
function finalDelta(state: KmStreamState, text: string | undefined): ChatEvent[] {
  if (text === undefined) return [];
  const reading = readRestatement(text, state.text);
  return delta(state, reading.agrees ? reading.added : text);
}

/** The documented envelope after chunks: the server restating the answer, which ends it. */
function restatement(state: KmStreamState, text: string | undefined): ChatEvent[] {
  const reading = readRestatement(text ?? '', state.text);
  // A disagreeing restatement adds nothing: the streamed text, already read, stays as shown.
  return [
    ...delta(state, reading.agrees ? reading.added : ''),
    ...completeEvent(state, state.text),
  ];
}

/** The body ended cleanly: the end of the answer only if nothing promised a marker. */
export function endOfBody(state: KmStreamState): ChatEvent[] {
  return !state.finished && state.endsWithBody === true ? completeEvent(state, state.text) : [];
}

/** `eventName` is the SSE `event:` field (undefined for NDJSON). */
export function mapKmPayload(
  raw: string,
  eventName: string | undefined,
  state: KmStreamState,
): ChatEvent[] {
  if (state.finished) return [];
  if (raw.trim() === '[DONE]') return completeEvent(state, state.text);
  const parsed = parseJson(raw);
  // `data: "Xin "`: a server that JSON-encodes its text (to keep newlines) means the string.
  const text = typeof parsed === 'string' ? parsed : raw;
  const json = asRecord(parsed);
  const name = (
    eventName && eventName !== 'message'
      ? eventName
      : (asString(json?.type) ?? asString(json?.event))
  )?.toLowerCase();
  // Keep-alives and metadata neither add text nor change how the answer may end.
  if (isIgnored(name)) return noteStoryId(state, storyIdFrom(json));
  state.endsWithBody = false;
  if (!json) return name === 'error' ? errorEvent(state, undefined, text) : delta(state, text);
  const announced = noteStoryId(state, storyIdFrom(json));
  if (json.success === false || name === 'error' || statusSaysFailure(json))
    return [...announced, ...errorEvent(state, json, raw)];
  if (isComplete(json, name)) {
    const data = asRecord(json.data);
    const final = firstString(data?.message, json.content, json.text, json.answer);
    return [...announced, ...finalDelta(state, final), ...completeEvent(state, state.text)];
  }
  const chunk = deltaText(json);
  if (!isBareEnvelope(json, name)) {
    // Only a part with text counts: a keep-alive `{}` must not turn the envelopes that follow
    // (a stream of nothing but envelopes) into a final restatement.
    if (chunk) state.chunksSeen = true;
    return [...announced, ...delta(state, chunk)];
  }
  if (state.chunksSeen === true) return [...announced, ...restatement(state, chunk)];
  state.endsWithBody = true;
  return [...announced, ...envelopeDelta(state, chunk)];
}
