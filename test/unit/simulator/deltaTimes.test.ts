import * as assert from 'node:assert/strict';
import { startSimulator, type Fault, type Simulator } from '../../simulator/server';
import { newConversation, rawRequest, sseBlocks, streamHead } from './helpers';

// recordDeltaTimes: the latency benchmark's record of when each answer delta left the simulator.

describe('simulator: recordDeltaTimes', () => {
  let sim: Simulator;
  before(async () => {
    sim = await startSimulator({ port: 0, tokenDelayMs: 1 });
  });
  after(() => sim.stop());
  beforeEach(() => sim.reset());

  async function stream(fault: Fault, config: Record<string, unknown> = {}) {
    const id = await newConversation(sim);
    const headers =
      `x-sim-fault: ${JSON.stringify(fault)}\n` +
      (Object.keys(config).length ? `x-sim-config: ${JSON.stringify(config)}\n` : '');
    const body = JSON.stringify({ content: 'Đo độ trễ' });
    const response = await rawRequest(sim, streamHead(sim, id, headers), body);
    const record = sim.requests.find((r) => r.path.endsWith('/messages/stream'));
    assert.ok(record, 'the stream request was recorded');
    return { response, record };
  }

  it('records one entry per delta, in order, with wall-clock times', async () => {
    const before = performance.timeOrigin + performance.now();
    const { response, record } = await stream(
      { kind: 'longAnswer', deltas: 40 },
      { recordDeltaTimes: true },
    );
    const after = performance.timeOrigin + performance.now();
    const deltas = sseBlocks(response.body.toString('utf8')).filter((e) => e.event === 'delta');
    assert.equal(deltas.length, 40);
    const times = record.deltaTimes ?? [];
    assert.deepEqual(
      times.map((t) => t.index),
      Array.from({ length: 40 }, (_, i) => i),
    );
    for (let i = 1; i < times.length; i++) {
      assert.ok((times[i]?.at ?? 0) >= (times[i - 1]?.at ?? Infinity), `time ${i} goes back`);
    }
    assert.ok((times[0]?.at ?? 0) >= before && (times.at(-1)?.at ?? Infinity) <= after);
    // How far apart they are is the pacer's decision (pacer.test.ts, on a clock the test moves): on
    // a busy machine a stalled timer is made up with a burst, so no span here is guaranteed.
  });

  it('times a delta written byte by byte once its last byte is out', async () => {
    sim.configure({ recordDeltaTimes: true });
    const { response, record } = await stream({ kind: 'oneByteChunks' });
    const deltas = sseBlocks(response.body.toString('utf8')).filter((e) => e.event === 'delta');
    assert.ok(deltas.length > 5);
    assert.deepEqual(
      record.deltaTimes?.map((t) => t.index),
      deltas.map((_, i) => i),
    );
  });

  it('is off by default', async () => {
    const { record } = await stream({ kind: 'longAnswer', deltas: 5 });
    assert.equal(record.deltaTimes, undefined);
  });

  it('is refused unless a boolean', () => {
    assert.throws(() => sim.configure({ recordDeltaTimes: 'yes' as unknown as boolean }));
  });
});
