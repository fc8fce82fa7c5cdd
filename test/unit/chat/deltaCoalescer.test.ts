import * as assert from 'node:assert/strict';
import { DeltaCoalescer, type CoalescerClock } from '../../../src/chat/deltaCoalescer';

/** A clock the test moves by hand: timers fire only in `advance`, "soon" work only in `tick`. */
class SteppingClock implements CoalescerClock {
  private time = 1_000;
  private timers: { at: number; fn: () => void }[] = [];
  private soonQueue: (() => void)[] = [];

  now(): number {
    return this.time;
  }

  after(ms: number, fn: () => void): () => void {
    const timer = { at: this.time + ms, fn };
    this.timers.push(timer);
    return () => (this.timers = this.timers.filter((t) => t !== timer));
  }

  soon(fn: () => void): () => void {
    this.soonQueue.push(fn);
    return () => (this.soonQueue = this.soonQueue.filter((f) => f !== fn));
  }

  /** The end of the current socket read: queued "soon" work runs. */
  tick(): void {
    const queued = this.soonQueue;
    this.soonQueue = [];
    for (const fn of queued) fn();
  }

  advance(ms: number): void {
    this.time += ms;
    const due = this.timers.filter((t) => t.at <= this.time);
    this.timers = this.timers.filter((t) => t.at > this.time);
    for (const t of due) t.fn();
  }

  get scheduled(): number {
    return this.timers.length + this.soonQueue.length;
  }
}

describe('DeltaCoalescer', () => {
  let clock: SteppingClock;
  let sent: { text: string; at: number }[];
  let coalescer: DeltaCoalescer;

  beforeEach(() => {
    clock = new SteppingClock();
    sent = [];
    coalescer = new DeltaCoalescer((text) => sent.push({ text, at: clock.now() }), 4, clock);
  });

  it('sends the first delta after a quiet spell without waiting for the interval', () => {
    coalescer.push('Hel');
    assert.deepEqual(sent, [], 'not inside push: deltas of the same read still join it');
    clock.tick();
    assert.deepEqual(sent, [{ text: 'Hel', at: 1_000 }]);
  });

  it('joins the deltas of one socket read into one message', () => {
    for (const part of ['a', 'b', 'c', 'd']) coalescer.push(part);
    clock.tick();
    assert.deepEqual(
      sent.map((s) => s.text),
      ['abcd'],
    );
  });

  it('while text keeps coming, sends at most once per interval and loses nothing', () => {
    coalescer.push('0');
    clock.tick();
    // A delta every millisecond for 20 ms: a flood four times faster than the interval.
    for (let i = 1; i <= 20; i++) {
      clock.advance(1);
      coalescer.push(String(i % 10));
      clock.tick();
    }
    clock.advance(4);
    const gaps = sent.slice(1).map((s, i) => s.at - (sent[i]?.at ?? 0));
    assert.ok(
      gaps.every((gap) => gap >= 4),
      `gaps ${gaps.join(', ')}`,
    );
    assert.ok(sent.length <= 7, `${sent.length} messages for 21 deltas`);
    assert.equal(sent.map((s) => s.text).join(''), '012345678901234567890');
  });

  it('at chat speed (a delta every 5 ms) sends each delta as it arrives', () => {
    for (let i = 0; i < 10; i++) {
      coalescer.push(`d${i}`);
      clock.tick();
      clock.advance(5);
    }
    assert.equal(sent.length, 10);
    assert.ok(sent.every((s, i) => s.text === `d${i}` && s.at === 1_000 + 5 * i));
  });

  it('a delta inside the interval waits only for the rest of it', () => {
    coalescer.push('a');
    clock.tick();
    clock.advance(1);
    coalescer.push('b');
    clock.tick();
    assert.equal(sent.length, 1);
    clock.advance(2);
    assert.equal(sent.length, 1);
    clock.advance(1);
    assert.deepEqual(sent[1], { text: 'b', at: 1_004 });
  });

  it('flush sends pending text at once and cancels the scheduled send', () => {
    coalescer.push('x');
    coalescer.flush();
    assert.deepEqual(
      sent.map((s) => s.text),
      ['x'],
    );
    assert.equal(clock.scheduled, 0);
    coalescer.flush();
    assert.equal(sent.length, 1, 'nothing pending, nothing sent');
  });

  it('dispose drops pending text and sends nothing later', () => {
    coalescer.push('x');
    coalescer.dispose();
    clock.tick();
    clock.advance(100);
    assert.deepEqual(sent, []);
    assert.equal(clock.scheduled, 0);
  });
});
