// A StreamMapper turns body bytes into ChatEvents. It is fed chunks directly, so tests (and the
// property tests that split transcripts at random offsets) exercise it without any network.
import type { ChatEvent } from '../types';

export interface StreamMapper {
  feed(chunk: Uint8Array): ChatEvent[];
  /** The body ended cleanly: a terminal event if the format allows one here, else nothing. */
  end(): ChatEvent[];
  /** The answer text received so far, kept when the stream fails. */
  readonly partialText: string;
}

/** The bytes cannot be framed (e.g. one event larger than the safety limit). */
export class StreamFormatError extends Error {
  override readonly name = 'StreamFormatError';
}

export function isTerminal(event: ChatEvent): boolean {
  return event.type === 'complete' || event.type === 'error';
}
