// The TwinExpert SSE encoder. The docs name four event types (progress, delta, complete, error)
// but not where the name goes; the three plausible framings are all selectable (api-spec T7).
import { sseComment, sseEvent, sseJunk } from './sse';
import type { StreamEncoder } from './stream';
import type { TeSseStyle } from './types';

export interface TeStreamInfo {
  style: TeSseStyle;
  done: boolean;
  conversationId: string;
  messageId: string;
  createdAt: string;
}

export function teSseEncoder(info: TeStreamInfo): StreamEncoder {
  const frame = (type: string, payload: Record<string, unknown>, compact = false): string => {
    const named = info.style !== 'typed';
    const data = JSON.stringify(info.style === 'named' ? payload : { type, ...payload });
    return sseEvent(named ? { event: type, data } : { data }, compact);
  };
  return {
    contentType: 'text/event-stream; charset=utf-8',
    framed: true,
    head: () => [
      frame('progress', {
        status: 'thinking',
        conversationId: info.conversationId,
        messageId: info.messageId,
      }),
    ],
    delta: (text, _index, compact) => frame('delta', { content: text }, compact),
    terminal: (full) => [
      frame('complete', {
        message: {
          id: info.messageId,
          role: 'assistant',
          content: full,
          conversationId: info.conversationId,
          createdAt: info.createdAt,
        },
      }),
      ...(info.done ? [sseEvent({ data: '[DONE]' })] : []),
    ],
    error: (message) => frame('error', { message, error: 'STREAM_ERROR' }),
    heartbeat: () => sseComment('keep-alive'),
    junk: sseJunk,
  };
}
