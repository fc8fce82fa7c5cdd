// Byte -> SSE message framing. The framing itself is eventsource-parser's job (BOM, CRLF split
// across chunks, comments, unknown fields); this only adds streaming UTF-8 decoding, so a
// multi-byte character split between two chunks is decoded once both halves arrived.
import { createParser, type EventSourceMessage } from 'eventsource-parser';
import { StreamFormatError } from './types';

export type SseMessage = EventSourceMessage;

export interface SseDecoder {
  feed(chunk: Uint8Array): SseMessage[];
  /** Flushes the decoder. An event without its terminating blank line is discarded, as the SSE spec says. */
  end(): SseMessage[];
}

/** Guards memory against a server that never ends an event. */
export const MAX_SSE_BUFFER_CHARS = 16 * 1024 * 1024;

export function createSseDecoder(maxBufferSize = MAX_SSE_BUFFER_CHARS): SseDecoder {
  const decoder = new TextDecoder('utf-8');
  let pending: SseMessage[] = [];
  let overflow = false;
  const parser = createParser({
    maxBufferSize,
    onEvent: (message) => pending.push(message),
    onError: (error) => {
      // Unknown fields and bad `retry:` values are tolerated; only an endless event is fatal.
      if (error.type === 'max-buffer-size-exceeded') overflow = true;
    },
  });
  let endsWithCr = false;
  const drain = (text: string): SseMessage[] => {
    if (text) {
      parser.feed(text);
      endsWithCr = text.endsWith('\r');
    }
    if (overflow) throw new StreamFormatError(`an SSE event exceeded ${maxBufferSize} characters`);
    const out = pending;
    pending = [];
    return out;
  };
  return {
    feed: (chunk) => drain(decoder.decode(chunk, { stream: true })),
    // A body that ends in CR (lines ended by CR alone, legal SSE) leaves the parser waiting for a
    // possible LF; at the end none can come, so the CR ends its line. A LF ends no unfinished line
    // that the CR had not, so an event cut before its blank line is still discarded.
    end: () => drain(decoder.decode() + (endsWithCr ? '\n' : '')),
  };
}
