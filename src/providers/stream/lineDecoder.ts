// Byte -> line framing for NDJSON / JSON Lines, with streaming UTF-8 decoding and CRLF tolerance.
import { StreamFormatError } from './types';

export interface LineDecoder {
  feed(chunk: Uint8Array): string[];
  /** Returns the last line if the body did not end with a newline. */
  end(): string[];
}

export const MAX_LINE_CHARS = 16 * 1024 * 1024;

export function createLineDecoder(maxLineChars = MAX_LINE_CHARS): LineDecoder {
  const decoder = new TextDecoder('utf-8');
  let buffer = '';
  const split = (text: string): string[] => {
    buffer += text;
    // Only re-split when a newline arrived, so a long line fed byte by byte stays linear.
    if (!text.includes('\n')) {
      if (buffer.length > maxLineChars)
        throw new StreamFormatError(`a line exceeded ${maxLineChars} characters`);
      return [];
    }
    const parts = buffer.split('\n');
    buffer = parts.pop() ?? '';
    return parts.map((line) => line.replace(/\r$/, '')).filter((line) => line.trim() !== '');
  };
  return {
    feed: (chunk) => split(decoder.decode(chunk, { stream: true })),
    end: () => {
      const lines = split(decoder.decode());
      const last = buffer.replace(/\r$/, '');
      buffer = '';
      return last.trim() !== '' ? [...lines, last] : lines;
    },
  };
}
