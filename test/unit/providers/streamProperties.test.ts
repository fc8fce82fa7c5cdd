// Recorded transcripts (test/fixtures) split at arbitrary byte offsets, including inside multi-byte
// UTF-8 characters and between CR and LF, must always decode to the same events.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { KAMIMIND_SERVICE } from '../../../src/providers/kamiMind/service';
import {
  createKmNdjsonMapper,
  createKmRawMapper,
  createKmSseMapper,
} from '../../../src/providers/kamiMind/streamMapper';
import type { KmStreamState } from '../../../src/providers/kamiMind/streamEvents';
import type { StreamMapper } from '../../../src/providers/stream/types';
import { TWINEXPERT_SERVICE } from '../../../src/providers/twinExpert/service';
import { createTeStreamMapper } from '../../../src/providers/twinExpert/streamMapper';
import type { ChatEvent } from '../../../src/providers/types';
import { shape } from './helpers';

const FIXTURES = path.resolve(__dirname, '..', '..', '..', '..', 'test', 'fixtures');

function kmState(): KmStreamState {
  return { text: '', finished: false, service: KAMIMIND_SERVICE, secrets: [] };
}

interface Transcript {
  file: string;
  mapper: () => StreamMapper;
  /** Raw text deltas follow the chunking, so only their concatenation is compared. */
  mergeDeltas?: boolean;
  expectedShape: string[];
}

const TRANSCRIPTS: Transcript[] = [
  ...[
    'te-named.sse',
    'te-typed-done.sse',
    'te-both-crlf.sse',
    'te-named-bom-heartbeats.sse',
    'te-malformed.sse',
  ].map((file) => ({
    file,
    mapper: () => createTeStreamMapper(TWINEXPERT_SERVICE),
    expectedShape: ['progress', 'delta+', 'complete'],
  })),
  {
    file: 'te-error-mid.sse',
    mapper: () => createTeStreamMapper(TWINEXPERT_SERVICE),
    expectedShape: ['progress', 'delta+', 'error'],
  },
  // km-sse-restated: chunks, then the final envelope restating the answer trimmed, then [DONE].
  ...['km-sse.sse', 'km-sse-crlf.sse', 'km-sse-restated.sse'].map((file) => ({
    file,
    mapper: () => createKmSseMapper(kmState()),
    expectedShape: ['conversation', 'delta+', 'complete'],
  })),
  ...[
    'km.ndjson',
    'km-crlf.ndjson',
    // Every line the documented envelope, no `done` flag: chunks or cumulative snapshots, ended
    // by the body (no marker) or by a marker.
    'km-envelopes.ndjson',
    'km-envelopes-done.ndjson',
    'km-snapshots.ndjson',
    'km-snapshots-done-crlf.ndjson',
    // Chunks, then `done:true` carrying only the last chunk.
    'km-done-last-chunk.ndjson',
  ].map((file) => ({
    file,
    mapper: () => createKmNdjsonMapper(kmState()),
    expectedShape: ['conversation', 'delta+', 'complete'],
  })),
  {
    file: 'km-raw.txt',
    mapper: () => createKmRawMapper(kmState()),
    mergeDeltas: true,
    expectedShape: ['delta+', 'complete'],
  },
];

function decode(transcript: Transcript, bytes: Uint8Array, cuts: readonly number[]): ChatEvent[] {
  const mapper = transcript.mapper();
  const events: ChatEvent[] = [];
  let start = 0;
  for (const cut of [...cuts, bytes.length]) {
    events.push(...mapper.feed(bytes.subarray(start, cut)));
    start = cut;
  }
  events.push(...mapper.end());
  return transcript.mergeDeltas ? merge(events) : events;
}

function merge(events: readonly ChatEvent[]): ChatEvent[] {
  const out: ChatEvent[] = [];
  for (const event of events) {
    const last = out[out.length - 1];
    if (event.type === 'delta' && last?.type === 'delta')
      out[out.length - 1] = { type: 'delta', text: last.text + event.text };
    else out.push(event);
  }
  return out;
}

/** Offsets that split a UTF-8 sequence or a CRLF pair: where naive decoders break. */
function trickyOffsets(bytes: Uint8Array): number[] {
  const out: number[] = [];
  for (let i = 1; i < bytes.length; i++) {
    const byte = bytes[i] ?? 0;
    if ((byte & 0xc0) === 0x80 || (bytes[i - 1] === 0x0d && byte === 0x0a)) out.push(i);
  }
  return out;
}

describe('stream decoding is independent of chunk boundaries', function () {
  // These tests are synchronous loops over a fixed amount of work: they cannot hang, and mocha's
  // time-out would only measure how busy the machine is (they failed at 20 s on a loaded CI box).
  this.timeout(0);
  for (const transcript of TRANSCRIPTS) {
    describe(transcript.file, () => {
      const bytes = new Uint8Array(fs.readFileSync(path.join(FIXTURES, transcript.file)));
      const reference = decode(transcript, bytes, []);

      it('decodes to the expected events in one piece', () => {
        assert.deepEqual(shape(reference), transcript.expectedShape);
        const end = reference[reference.length - 1];
        const text =
          end?.type === 'complete' ? end.text : end?.type === 'error' ? end.partialText : '';
        assert.ok(!text.includes('\uFFFD'), 'no replacement characters');
        assert.ok(
          trickyOffsets(bytes).length > 0,
          'the transcript has multi-byte characters to split',
        );
      });

      it('yields the same events when split in two at every byte offset', () => {
        for (let cut = 0; cut <= bytes.length; cut++)
          assert.deepEqual(decode(transcript, bytes, [cut]), reference, `cut at ${cut}`);
      });

      it('yields the same events one byte at a time', () => {
        const cuts = Array.from({ length: bytes.length - 1 }, (_, i) => i + 1);
        assert.deepEqual(decode(transcript, bytes, cuts), reference);
      });

      it('yields the same events for random splits, biased to UTF-8 and CRLF boundaries', () => {
        const tricky = trickyOffsets(bytes);
        const offset = fc.oneof(
          fc.constantFrom(...tricky),
          fc.integer({ min: 0, max: bytes.length }),
        );
        fc.assert(
          fc.property(fc.uniqueArray(offset, { maxLength: 40 }), (offsets) => {
            const cuts = [...offsets].sort((a, b) => a - b);
            assert.deepEqual(decode(transcript, bytes, cuts), reference);
          }),
          { numRuns: 200 },
        );
      });
    });
  }
});
