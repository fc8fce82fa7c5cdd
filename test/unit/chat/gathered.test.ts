import * as assert from 'node:assert/strict';
import { Gathered } from '../../../src/chat/gathered';
import { ManualTimer } from './manualTimer';

describe('Gathered', () => {
  it('runs once for a burst of requests, at the end of the wait', () => {
    const timer = new ManualTimer();
    let runs = 0;
    const gathered = new Gathered(() => runs++, 100, timer);
    for (let i = 0; i < 4; i++) gathered.request();
    assert.equal(runs, 0, 'nothing runs inside the burst');
    assert.equal(timer.pending, 1, 'one wait for the whole burst');
    timer.fire();
    assert.equal(runs, 1);
  });

  it('runs again for a request after the run', () => {
    const timer = new ManualTimer();
    let runs = 0;
    const gathered = new Gathered(() => runs++, 100, timer);
    gathered.request();
    timer.fire();
    gathered.request();
    timer.fire();
    assert.equal(runs, 2);
  });

  it('runs nothing after dispose', () => {
    const timer = new ManualTimer();
    let runs = 0;
    const gathered = new Gathered(() => runs++, 100, timer);
    gathered.request();
    gathered.dispose();
    timer.fire();
    assert.equal(runs, 0);
    gathered.request();
    assert.equal(timer.pending, 0, 'and a later request starts no wait');
  });
});
