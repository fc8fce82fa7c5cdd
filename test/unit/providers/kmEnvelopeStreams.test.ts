// A KamiMind server whose streamed NDJSON lines all look like the documented final envelope (no
// `done` flag, no event name), per chunk or as cumulative snapshots, with and without a final
// marker, over a real HTTP connection to the simulator.
import * as assert from 'node:assert/strict';
import type { Fault, KmStreamStyle, Simulator } from '../../simulator/server';
import { startSimulator } from '../../simulator/server';
import {
  completeText,
  deltaText,
  errorOf,
  kmProvider,
  send,
  shape,
  terminal,
  testHttp,
  type TestHttp,
} from './helpers';

const STYLES: KmStreamStyle[] = ['envelopes', 'envelopesDone', 'snapshots', 'snapshotsDone'];

describe('KamiMind NDJSON of bare envelopes against the simulator', () => {
  let sim: Simulator;
  let t: TestHttp;
  /** The answer as the established NDJSON style (partials, then done:true) delivers it. */
  let reference: string;

  before(async () => {
    sim = await startSimulator({ port: 0, tokenDelayMs: 0 });
    t = testHttp();
    sim.configure({ kmStreamStyle: 'ndjson' });
    reference = completeText(await send(kmProvider(sim, t.http), {}));
    await t.http.close();
  });
  after(() => sim.stop());
  beforeEach(() => {
    sim.reset();
    t = testHttp();
  });
  afterEach(() => t.http.close());

  const provider = () => kmProvider(sim, t.http);
  const configure = (kmStreamStyle: KmStreamStyle, fault?: Fault) =>
    sim.configure({ kmStreamStyle, ...(fault && { fault }) });

  for (const style of STYLES) {
    describe(style, () => {
      it('streams the whole answer, not just the first line, and continues the story', async () => {
        configure(style);
        const events = await send(provider(), {});
        assert.deepEqual(shape(events), ['conversation', 'delta+', 'complete']);
        assert.equal(completeText(events), reference);
        assert.equal(deltaText(events), reference);
        assert.ok(events.filter((e) => e.type === 'delta').length > 10, 'one delta per line');
        const story = events[0]?.type === 'conversation' ? events[0].conversationId : '';
        assert.equal(terminal(events).conversationId, story);
        const second = await send(provider(), { text: 'hai', conversationId: story });
        assert.equal(sim.requests[1]?.fields?.story_id, story);
        assert.equal(terminal(second).conversationId, story);
      });

      for (const kind of ['crlf', 'heartbeats', 'oneByteChunks'] as const) {
        it(`${kind}: the same answer`, async () => {
          configure(style, { kind });
          const events = await send(provider(), {});
          assert.equal(completeText(events), reference);
          assert.equal(deltaText(events), reference);
        });
      }

      it('resetMidStream: cut off with the partial text, never complete', async () => {
        configure(style, { kind: 'resetMidStream', afterDeltas: 3 });
        const events = await send(provider(), {});
        const end = errorOf(events);
        assert.equal(end.error.kind, 'network');
        assert.equal(end.partialText, deltaText(events));
        assert.ok(end.partialText.length > 0 && reference.startsWith(end.partialText));
      });

      it('errorEventMidStream: the error, with the partial text', async () => {
        configure(style, { kind: 'errorEventMidStream', afterDeltas: 2 });
        const end = errorOf(await send(provider(), {}));
        assert.match(end.error.userMessage, /simulated/);
        assert.ok(end.partialText.length > 0 && reference.startsWith(end.partialText));
      });

      // Nothing in these streams promises a marker, so a clean early close cannot be told from
      // the end of the answer: what arrived is the answer (as with raw text).
      it('closeWithoutTerminal: a clean end is read as the end of the answer', async () => {
        configure(style, { kind: 'closeWithoutTerminal', afterDeltas: 3 });
        const events = await send(provider(), {});
        assert.equal(terminal(events).type, 'complete');
        assert.ok(reference.startsWith(completeText(events)));
        assert.ok(completeText(events).length < reference.length);
      });
    });
  }
});
