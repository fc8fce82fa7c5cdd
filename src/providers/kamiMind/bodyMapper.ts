// Which mapper reads a KamiMind stream: the one its Content-Type names (streamMapper.ts), or, for a
// body whose type names no format (none at all, text/plain, octet-stream), the one that fits what
// it starts with. The type is the server's word, and a server may leave it out: a
// Python StreamingResponse without a media type sends SSE frames unlabelled, and a JSON envelope
// (an out-of-credits refusal too) may come as text/plain. Read as raw text, those showed their
// framing, or an error, as the bot's answer.
//
//   starts with an SSE field (`data:`, `event:`, `id:`, `retry:`) or comment (`:`)  -> SSE
//   first line is a JSON object with a key of KamiMind's payloads                 -> JSON lines
//   starts like an HTML page (`<!DOCTYPE html`, `<html`)                          -> refused
//   anything else                                                                  -> raw text
//
// An answer in raw text that happens to start like that is unlikely from a chat bot (code comes
// fenced); one that starts with a JSON object without those keys stays raw text.
import { asRecord, parseJson } from '../json';
import type { StreamMapper } from '../stream/types';
import type { ChatEvent } from '../types';
import { createKmPageRefusal, startsLikePage } from './pageRefusal';
import type { KmStreamState } from './streamEvents';
import {
  createKmNdjsonMapper,
  createKmRawMapper,
  createKmSseMapper,
  type KmStreamFormat,
} from './streamMapper';

/** How much is held back to decide: a first line longer than this is not a payload line. */
const SNIFF_LIMIT = 64 * 1024;
const SSE_FIELDS = ['data:', 'event:', 'id:', 'retry:'];
const PAYLOAD_KEYS = ['success', 'data', 'done', 'story_id', 'storyId', 'message', 'type'];
/** A payload line cut short still starts like one, so a cut stream reads as cut off, not as text. */
const PAYLOAD_START = new RegExp(`^\\{\\s*"(${PAYLOAD_KEYS.join('|')})"\\s*:`);

type Choice = (state: KmStreamState) => StreamMapper;

/**
 * Undefined while the text so far cannot tell (no non-space character, the start of an SSE field
 * name, an unfinished line); once the body ended, always a choice.
 */
function choose(text: string, ended: true): Choice;
function choose(text: string, ended: boolean): Choice | undefined;
function choose(text: string, ended: boolean): Choice | undefined {
  const start = text.trimStart().replace(/^\uFEFF/, '');
  if (start === '') return ended ? createKmRawMapper : undefined;
  if (start.startsWith(':') || SSE_FIELDS.some((field) => start.startsWith(field)))
    return createKmSseMapper;
  // "da" may still become "data:": a first chunk can be a single byte.
  if (!ended && SSE_FIELDS.some((field) => field.startsWith(start))) return undefined;
  const page = startsLikePage(start, ended);
  if (page === undefined) return undefined;
  if (page) return createKmPageRefusal;
  if (!start.startsWith('{')) return createKmRawMapper;
  const newline = start.indexOf('\n');
  if (newline < 0 && !ended && start.length < SNIFF_LIMIT) return undefined;
  const firstLine = newline < 0 ? start : start.slice(0, newline);
  const json = asRecord(parseJson(firstLine.trim()));
  const isPayload =
    json !== undefined ? PAYLOAD_KEYS.some((key) => key in json) : PAYLOAD_START.test(firstLine);
  return isPayload ? createKmNdjsonMapper : createKmRawMapper;
}

export function createKmMapper(
  format: Exclude<KmStreamFormat, 'json'>,
  state: KmStreamState,
): StreamMapper {
  if (format === 'sse') return createKmSseMapper(state);
  if (format === 'ndjson') return createKmNdjsonMapper(state);
  return createKmSniffedMapper(state);
}

/** Holds the first bytes back until they tell the format, then hands everything to its mapper. */
function createKmSniffedMapper(state: KmStreamState): StreamMapper {
  const held: Uint8Array[] = [];
  const decoder = new TextDecoder('utf-8');
  let text = '';
  let chosen: StreamMapper | undefined;

  /** The chosen mapper, fed what was held back. */
  const adopt = (choice: Choice): { mapper: StreamMapper; events: ChatEvent[] } => {
    const mapper = choice(state);
    chosen = mapper;
    return { mapper, events: held.splice(0).flatMap((chunk) => mapper.feed(chunk)) };
  };

  return {
    feed(chunk) {
      if (chosen) return chosen.feed(chunk);
      held.push(chunk);
      text += decoder.decode(chunk, { stream: true });
      const choice = choose(text, false);
      return choice ? adopt(choice).events : [];
    },
    end() {
      if (chosen) return chosen.end();
      text += decoder.decode();
      const { mapper, events } = adopt(choose(text, true));
      return [...events, ...mapper.end()];
    },
    get partialText() {
      return state.text;
    },
  };
}
