// KamiMind streams are parsed by their Content-Type (api-spec K1 recommendation): SSE, NDJSON /
// JSON Lines, or raw text (a type that names no format is first read for what the body starts
// with: bodyMapper.ts). A JSON envelope (the server ignored streaming) is read elsewhere.
import { parseJson } from '../json';
import { createLineDecoder } from '../stream/lineDecoder';
import { createSseDecoder } from '../stream/sseDecoder';
import type { StreamMapper } from '../stream/types';
import type { ChatEvent } from '../types';
import { completeEvent, endOfBody, mapKmPayload, type KmStreamState } from './streamEvents';

export type KmStreamFormat = 'sse' | 'ndjson' | 'json' | 'raw';

export function kmFormatFor(contentType: string): KmStreamFormat {
  if (contentType === 'text/event-stream') return 'sse';
  if (
    contentType === 'application/x-ndjson' ||
    contentType === 'application/jsonl' ||
    contentType === 'application/json-lines'
  ) {
    return 'ndjson';
  }
  if (contentType === 'application/json') return 'json';
  return 'raw';
}

function mapper(
  state: KmStreamState,
  feed: StreamMapper['feed'],
  end: StreamMapper['end'],
): StreamMapper {
  // A getter, not a copy: the partial text keeps growing while the stream runs.
  return {
    feed,
    end,
    get partialText() {
      return state.text;
    },
  };
}

export function createKmSseMapper(state: KmStreamState): StreamMapper {
  const decoder = createSseDecoder();
  const map = (messages: { event?: string; data: string }[]): ChatEvent[] =>
    messages.flatMap((m) => mapKmPayload(m.data, m.event, state));
  return mapper(
    state,
    (chunk) => map(decoder.feed(chunk)),
    () => [...map(decoder.end()), ...endOfBody(state)],
  );
}

/**
 * The body's last line without its newline, when it is a JSON object cut short: the rest of a
 * payload that never came, not text (a line that is not JSON at all is still read as text).
 */
function isCutPayload(line: string): boolean {
  return line.trimStart().startsWith('{') && parseJson(line) === undefined;
}

export function createKmNdjsonMapper(state: KmStreamState): StreamMapper {
  const decoder = createLineDecoder();
  const map = (lines: string[]): ChatEvent[] =>
    lines.flatMap((line) => mapKmPayload(line, undefined, state));
  const whole = (lines: string[]): string[] => {
    const last = lines.at(-1);
    return last !== undefined && isCutPayload(last) ? lines.slice(0, -1) : lines;
  };
  return mapper(
    state,
    (chunk) => map(decoder.feed(chunk)),
    () => [...map(whole(decoder.end())), ...endOfBody(state)],
  );
}

/** Raw text has no terminal marker: a body that ends cleanly is the whole answer. */
export function createKmRawMapper(state: KmStreamState): StreamMapper {
  const decoder = new TextDecoder('utf-8');
  const delta = (text: string): ChatEvent[] => {
    if (!text) return [];
    state.text += text;
    return [{ type: 'delta', text }];
  };
  return mapper(
    state,
    (chunk) => delta(decoder.decode(chunk, { stream: true })),
    () => [...delta(decoder.decode()), ...completeEvent(state, state.text)],
  );
}
