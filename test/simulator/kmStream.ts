// KamiMind streaming encoders. The docs only say streaming="true" streams; the three plausible
// formats are all selectable (api-spec K1): raw text, SSE with JSON chunks, and NDJSON.
import { sseComment, sseEvent, sseJunk } from './sse';
import type { StreamEncoder } from './stream';

export function kmEnvelope(message: string, storyId: string): Record<string, unknown> {
  return { success: true, message: 'Chat successfully', data: { message, story_id: storyId } };
}

/** Raw chunked text, like KamiMind's own 2023 web app reads: no framing, no terminal marker. */
export function kmRawEncoder(): StreamEncoder {
  return {
    contentType: 'text/plain; charset=utf-8',
    framed: false,
    head: () => [],
    delta: (text) => text,
    terminal: () => [],
    error: () => undefined,
    heartbeat: () => undefined,
    junk: () => [],
  };
}

export function kmSseEncoder(storyId: string): StreamEncoder {
  return {
    contentType: 'text/event-stream; charset=utf-8',
    framed: true,
    head: () => [],
    delta: (text, _i, compact) =>
      sseEvent({ data: JSON.stringify({ message: text, story_id: storyId }) }, compact),
    terminal: (full) => [
      sseEvent({ data: JSON.stringify(kmEnvelope(full, storyId)) }),
      sseEvent({ data: '[DONE]' }),
    ],
    error: (message) => sseEvent({ data: JSON.stringify({ success: false, message }) }),
    heartbeat: () => sseComment('ping'),
    junk: sseJunk,
  };
}

/** One JSON object per line: partial envelopes (`done:false`), then the complete one (`done:true`). */
export function kmNdjsonEncoder(storyId: string): StreamEncoder {
  const line = (value: unknown) => JSON.stringify(value) + '\n';
  return {
    contentType: 'application/x-ndjson; charset=utf-8',
    framed: true,
    head: () => [],
    delta: (text) =>
      line({ success: true, data: { message: text, story_id: storyId }, done: false }),
    terminal: (full) => [line({ ...kmEnvelope(full, storyId), done: true })],
    error: (message) => line({ success: false, message, done: true }),
    // Blank lines are the only "keep-alive" NDJSON readers are expected to skip.
    heartbeat: () => '\n',
    junk: () => [],
  };
}

type EnvelopeLinesStyle = 'envelopes' | 'envelopesDone' | 'snapshots' | 'snapshotsDone';

/**
 * NDJSON whose every line looks like the documented final envelope, with no `done` flag and no
 * event name: a server that reuses its non-streaming answer shape for each line. `envelopes` puts
 * one chunk in each line, `snapshots` the whole text so far. Only the `Done` styles end with a
 * marker; the others just end the body, so a clean end is the only sign the answer is whole.
 */
export function kmEnvelopeLinesEncoder(storyId: string, style: EnvelopeLinesStyle): StreamEncoder {
  const line = (value: unknown) => JSON.stringify(value) + '\n';
  const cumulative = style === 'snapshots' || style === 'snapshotsDone';
  let soFar = '';
  return {
    contentType: 'application/x-ndjson; charset=utf-8',
    framed: true,
    head: () => [],
    delta: (text) => {
      soFar += text;
      return line(kmEnvelope(cumulative ? soFar : text, storyId));
    },
    terminal: (full) => {
      if (style === 'envelopesDone') return ['[DONE]\n'];
      if (style === 'snapshotsDone') return [line({ ...kmEnvelope(full, storyId), done: true })];
      return [];
    },
    error: (message) => line({ success: false, message, done: true }),
    heartbeat: () => '\n',
    junk: () => [],
  };
}
