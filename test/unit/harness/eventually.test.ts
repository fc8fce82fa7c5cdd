import * as assert from 'node:assert/strict';
import { eventually } from '../../harness/eventually';

describe('eventually', () => {
  it('resolves once a condition made true later holds, sync or async', async () => {
    let ready = false;
    setImmediate(() => (ready = true));
    await eventually(() => ready, 'the flag');
    let asyncReady = false;
    setImmediate(() => (asyncReady = true));
    await eventually(() => Promise.resolve(asyncReady), 'the async flag');
  });

  it('rejects naming what it waited for and its time-out when the condition never holds', async () => {
    let checks = 0;
    await assert.rejects(
      eventually(() => (checks++, false), 'the moon', { timeoutMs: 50, intervalMs: 5 }),
      { message: 'timed out after 50 ms waiting for the moon' },
    );
    assert.ok(checks > 1, 'it kept checking until the time-out');
  });
});
