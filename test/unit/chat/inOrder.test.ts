import * as assert from 'node:assert/strict';
import { InOrder } from '../../../src/chat/inOrder';

/** A promise the test settles by hand. */
function gate(): { promise: Promise<void>; open: () => void; fail: () => void } {
  let open = (): void => undefined;
  let fail = (): void => undefined;
  const promise = new Promise<void>((resolve, reject) => {
    open = resolve;
    fail = () => reject(new Error('step failed'));
  });
  return { promise, open, fail };
}

describe('InOrder', () => {
  it('starts a step at once, synchronously, when nothing is pending', () => {
    const order = new InOrder();
    let started = false;
    void order.run(() => {
      started = true;
      return Promise.resolve();
    });
    assert.ok(started);
  });

  it('starts each later step only after the ones asked for before it settled', async () => {
    const order = new InOrder();
    const first = gate();
    const log: string[] = [];
    const a = order.run(async () => {
      log.push('a starts');
      await first.promise;
      log.push('a ends');
    });
    const b = order.run(() => Promise.resolve(void log.push('b')));
    const c = order.run(() => Promise.resolve(void log.push('c')));
    await Promise.resolve();
    assert.deepEqual(log, ['a starts'], 'b and c wait for a');
    first.open();
    await Promise.all([a, b, c]);
    assert.deepEqual(log, ['a starts', 'a ends', 'b', 'c']);
  });

  it('goes on after a step that failed, and gives the failure to its caller only', async () => {
    const order = new InOrder();
    const first = gate();
    const failed = order.run(() => first.promise);
    const next = order.run(() => Promise.resolve('next ran'));
    first.fail();
    await assert.rejects(failed, /step failed/);
    assert.equal(await next, 'next ran');
    let again = false;
    void order.run(() => {
      again = true;
      return Promise.resolve();
    });
    assert.ok(again, 'idle again: the next step starts at once');
  });
});
