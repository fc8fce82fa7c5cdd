import * as assert from 'node:assert/strict';
import { pacer } from '../../simulator/http';

// The simulator's delta schedule: deltas leave every tokenDelayMs on average, however late the
// timers that space them fire.

describe('simulator: delta pacing', () => {
  let time: number;
  const clock = () => time;

  beforeEach(() => {
    time = 0;
  });

  it('waits a whole interval after each delta when timers are punctual', () => {
    const next = pacer(5, clock);
    const waits: number[] = [];
    for (let i = 0; i < 4; i++) {
      const wait = next();
      waits.push(wait);
      time += wait;
    }
    assert.deepEqual(waits, [5, 5, 5, 5]);
  });

  it('makes up a late timer with a shorter next wait, keeping the average rate', () => {
    const next = pacer(5, clock);
    time += next(); // due at 5
    time += 3; // the timer fired 3 ms late, at 8
    assert.equal(next(), 2, 'the next delta is still due at 10');
    time = 10;
    time += 4; // writing took 4 ms
    assert.equal(next(), 1);
  });

  it('makes up at most 50 ms of a stall, then keeps the interval again', () => {
    const next = pacer(5, clock);
    time = 200; // the machine stalled for 200 ms
    const waits: number[] = [];
    for (let i = 0; i < 14; i++) waits.push(next());
    const burst = waits.filter((w) => w === 0).length;
    assert.equal(burst, 10, `${waits.join(', ')}: 50 ms of deltas at once, not 200 ms`);
    assert.deepEqual(waits.slice(10), [5, 10, 15, 20], 'then one interval apart again');
  });

  it('rounds a wait up to whole milliseconds, so a delta never leaves early', () => {
    time = 0.4;
    const next = pacer(5, clock);
    time = 2.2;
    assert.equal(next(), 4);
  });
});
