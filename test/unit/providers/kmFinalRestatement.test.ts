// A KamiMind stream of chunks that ends by restating the answer: the documented envelope (no
// `done` flag) after chunk-shaped lines, or the message of a `done:true` line. The restatement
// may differ from the streamed text (a server that trims a trailing newline), or a `done:true`
// line may carry only the last chunk. The answer is shown once, never doubled or cut to a chunk.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { KAMIMIND_SERVICE } from '../../../src/providers/kamiMind/service';
import {
  createKmNdjsonMapper,
  createKmSseMapper,
} from '../../../src/providers/kamiMind/streamMapper';
import type { StreamMapper } from '../../../src/providers/stream/types';
import type { ChatEvent } from '../../../src/providers/types';
import { shape } from './helpers';

const FIXTURES = path.resolve(__dirname, '..', '..', '..', '..', 'test', 'fixtures');
const STORY = '5d2c1e7a-9b3f-4c8d-a1e2-3f4b5c6d7e8f';
const CHUNKS = ['## Trả lời', ' — “ghi chú” 日本語', '\n\nXin chào 👋 thế giới.', '\n'];
const STREAMED = CHUNKS.join('');

const state = () => ({
  text: '',
  finished: false,
  service: KAMIMIND_SERVICE,
  secrets: [],
});
const sse = () => createKmSseMapper(state());
const ndjson = () => createKmNdjsonMapper(state());

function run(mapper: StreamMapper, wire: string | Buffer): ChatEvent[] {
  const bytes = typeof wire === 'string' ? new TextEncoder().encode(wire) : new Uint8Array(wire);
  return [...mapper.feed(bytes), ...mapper.end()];
}

const deltas = (events: readonly ChatEvent[]) =>
  events.map((e) => (e.type === 'delta' ? e.text : '')).join('');

/** The answer the user is left with: the complete event's text, which replaces the deltas. */
function answer(events: readonly ChatEvent[]): string {
  const end = events[events.length - 1];
  assert.equal(end?.type, 'complete', 'the answer is complete');
  return end?.type === 'complete' ? end.text : '';
}

const sseChunk = (message: string) => `data: ${JSON.stringify({ message, story_id: STORY })}\n\n`;
const sseEnvelope = (message: string) =>
  `data: ${JSON.stringify({ success: true, data: { message, story_id: STORY } })}\n\n`;
const ndLine = (message: string, done: boolean) =>
  JSON.stringify({ success: true, data: { message, story_id: STORY }, done }) + '\n';

describe('KamiMind chunks followed by a restatement of the answer', () => {
  it('SSE chunks, a trimmed final envelope and [DONE]: the streamed answer, once', () => {
    const events = run(sse(), fs.readFileSync(path.join(FIXTURES, 'km-sse-restated.sse')));
    assert.deepEqual(shape(events), ['conversation', 'delta+', 'complete']);
    assert.equal(answer(events), STREAMED);
    assert.equal(deltas(events), STREAMED);
  });

  it('SSE chunks and a final envelope with no [DONE]: the envelope ends the answer', () => {
    const events = run(sse(), CHUNKS.map(sseChunk).join('') + sseEnvelope(STREAMED.trimEnd()));
    assert.equal(answer(events), STREAMED);
  });

  it('a final envelope that extends the streamed text adds only its new tail', () => {
    const wire =
      CHUNKS.slice(0, 2).map(sseChunk).join('') + sseEnvelope(STREAMED) + 'data: [DONE]\n\n';
    const events = run(sse(), wire);
    assert.equal(answer(events), STREAMED);
    assert.equal(deltas(events), STREAMED);
  });

  // What the user already read stays: a restatement that rewrites it is not shown on top of it.
  it('a final envelope that disagrees with the streamed text keeps the streamed text', () => {
    const wire = CHUNKS.map(sseChunk).join('') + sseEnvelope('Something else') + 'data: [DONE]\n\n';
    const events = run(sse(), wire);
    assert.equal(answer(events), STREAMED);
    assert.equal(deltas(events), STREAMED);
  });

  it('NDJSON chunk lines and done:true with the full text: the full text, once', () => {
    for (const full of [STREAMED, STREAMED.trimEnd()]) {
      const wire = CHUNKS.map((c) => ndLine(c, false)).join('') + ndLine(full, true);
      const events = run(ndjson(), wire);
      assert.equal(answer(events), STREAMED);
      assert.equal(deltas(events), STREAMED);
    }
  });

  it('NDJSON done:true with more than was streamed adds the rest', () => {
    const wire =
      CHUNKS.slice(0, 2)
        .map((c) => ndLine(c, false))
        .join('') + ndLine(STREAMED, true);
    const events = run(ndjson(), wire);
    assert.equal(answer(events), STREAMED);
    assert.equal(deltas(events), STREAMED);
  });

  it('NDJSON done:true carrying only the last chunk: the chunk is appended, not the answer', () => {
    const events = run(ndjson(), fs.readFileSync(path.join(FIXTURES, 'km-done-last-chunk.ndjson')));
    const whole = CHUNKS.slice(0, 3).join('') + ' Tạm biệt 🌏';
    assert.equal(answer(events), whole);
    assert.equal(deltas(events), whole);
  });

  it('a keep-alive with no text does not make a stream of envelopes a restatement', () => {
    const envelopes = CHUNKS.map((c) => JSON.stringify({ success: true, data: { message: c } }));
    const events = run(ndjson(), ['{}', ...envelopes].join('\n') + '\n');
    assert.equal(answer(events), STREAMED);
  });

  it('any chunks, restated in full or trimmed, by an envelope or done:true: shown once', () => {
    const chunk = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 8 });
    const space = fc.constantFrom('', ' ', '\n', '\n\n', ' \t\n');
    fc.assert(
      fc.property(
        fc.array(chunk, { minLength: 1, maxLength: 10 }),
        space,
        fc.boolean(),
        fc.boolean(),
        (chunks, trailing, trimmed, viaDone) => {
          const streamed = chunks.join('') + trailing;
          const restated = trimmed ? streamed.trimEnd() : streamed;
          const parts = [...chunks, ...(trailing ? [trailing] : [])];
          const wire = viaDone
            ? parts.map((c) => ndLine(c, false)).join('') + ndLine(restated, true)
            : parts.map(sseChunk).join('') + sseEnvelope(restated) + 'data: [DONE]\n\n';
          const events = run(viaDone ? ndjson() : sse(), wire);
          assert.equal(answer(events), streamed);
          assert.equal(deltas(events), streamed);
        },
      ),
      { numRuns: 300 },
    );
  });
});
