// Bytes of a TwinExpert SSE body -> ChatEvents.
import type { ServiceInfo } from '../messages';
import { createSseDecoder, type SseMessage } from '../stream/sseDecoder';
import type { StreamMapper } from '../stream/types';
import type { ChatEvent } from '../types';
import { mapTeMessage, type TeStreamState } from './streamEvents';

export function createTeStreamMapper(
  service: ServiceInfo,
  secrets: readonly (string | undefined)[] = [],
): StreamMapper {
  const decoder = createSseDecoder();
  const state: TeStreamState = { text: '', finished: false };
  const map = (messages: SseMessage[]): ChatEvent[] =>
    messages.flatMap((m) => mapTeMessage(m, state, service, secrets));
  return {
    feed: (chunk) => map(decoder.feed(chunk)),
    // No terminal event at the end of the body means the answer was cut off; the caller reports it.
    end: () => map(decoder.end()),
    get partialText() {
      return state.text;
    },
  };
}
