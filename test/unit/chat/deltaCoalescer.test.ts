import * as assert from 'node:assert/strict';
import {
  MESSAGE_BURST,
  MESSAGE_INTERVAL_MS,
  DeltaCoalescer,
  type CoalescerClock,
} from '../../../src/chat/deltaCoalescer';

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
    coalescer = new DeltaCoalescer(
      (text) => {
        sent.push({ text, at: clock.now() });
      },
      {},
      clock,
    );
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

  it('while text keeps coming, sends at most once per interval on average and loses nothing', () => {
    // A delta every millisecond for 40 ms: a flood four times faster than the interval.
    for (let i = 0; i <= 40; i++) {
      coalescer.push(String(i % 10));
      clock.tick();
      clock.advance(1);
    }
    clock.advance(MESSAGE_INTERVAL_MS);
    // No stretch of time holds more than the burst and one message per interval it spans.
    for (let i = 0; i < sent.length; i++) {
      for (let j = i + 1; j < sent.length; j++) {
        const span = (sent[j]?.at ?? 0) - (sent[i]?.at ?? 0);
        assert.ok(
          j - i + 1 <= MESSAGE_BURST + span / MESSAGE_INTERVAL_MS,
          `${j - i + 1} messages in ${span} ms: ${sent.map((s) => s.at - 1_000).join(', ')}`,
        );
      }
    }
    assert.ok(sent.length <= 16, `${sent.length} messages for 41 deltas`);
    assert.equal(
      sent.map((s) => s.text).join(''),
      Array.from({ length: 41 }, (_, i) => String(i % 10)).join(''),
    );
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

  it('at chat speed, a delta that comes just after the last one does not wait', () => {
    // 200 deltas a second on average, in pairs a millisecond apart, as a server's timer sends.
    for (let pair = 0; pair < 10; pair++) {
      for (const offset of [0, 1]) {
        clock.advance(offset);
        coalescer.push(`${pair}.${offset},`);
        clock.tick();
      }
      clock.advance(9);
    }
    assert.equal(sent.length, 20);
    assert.ok(
      sent.every((s, i) => s.at === 1_000 + 10 * Math.floor(i / 2) + (i % 2)),
      `sent at ${sent.map((s) => s.at - 1_000).join(', ')}`,
    );
  });

  it('once the burst is spent, a delta waits only for the rest of its interval', () => {
    for (let i = 0; i < MESSAGE_BURST; i++) {
      coalescer.push(`${i},`);
      clock.tick();
    }
    assert.equal(sent.length, MESSAGE_BURST, 'the burst goes at once');
    coalescer.push('late');
    clock.tick();
    clock.advance(MESSAGE_INTERVAL_MS - 1);
    assert.equal(sent.length, MESSAGE_BURST);
    clock.advance(1);
    assert.deepEqual(sent.at(-1), { text: 'late', at: 1_000 + MESSAGE_INTERVAL_MS });
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

/** A receiver that takes messages only when the test says so, as a busy workbench would. */
class SlowReceiver {
  readonly sent: { text: string; at: number }[] = [];
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly clock: SteppingClock) {}

  readonly take = (text: string): Promise<void> => {
    this.sent.push({ text, at: this.clock.now() });
    return new Promise((resolve) => this.waiting.push(resolve));
  };

  /** Delivers the oldest message still on its way; lets the promise callbacks run. */
  async deliver(): Promise<void> {
    this.waiting.shift()?.();
    await settled();
  }

  get onTheirWay(): number {
    return this.waiting.length;
  }
}

const settled = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('DeltaCoalescer flow control', () => {
  let clock: SteppingClock;
  let receiver: SlowReceiver;
  let coalescer: DeltaCoalescer;

  beforeEach(() => {
    clock = new SteppingClock();
    receiver = new SlowReceiver(clock);
    // The shipped window (DEFAULT_WINDOW: one message on its way), not one chosen for the test.
    coalescer = new DeltaCoalescer(receiver.take, { giveUpMs: 1_000 }, clock);
  });

  /** One delta every 5 ms, as the latency benchmark streams. */
  function stream(from: number, to: number): void {
    for (let i = from; i < to; i++) {
      coalescer.push(`${i},`);
      clock.tick();
      clock.advance(5);
    }
  }

  it('while the receiver is stalled, holds text after one message and sends it as one when that is delivered', async () => {
    stream(0, 20);
    assert.deepEqual(
      receiver.sent.map((s) => s.text),
      ['0,'],
      'a stalled receiver gets no more than the window',
    );
    await receiver.deliver();
    clock.tick();
    assert.equal(receiver.sent.length, 2);
    assert.equal(
      receiver.sent[1]?.text,
      Array.from({ length: 19 }, (_, i) => `${i + 1},`).join(''),
    );
  });

  it('keeps as many messages on their way as a wider window allows', () => {
    const wide = new DeltaCoalescer(receiver.take, { window: 2 }, clock);
    for (let i = 0; i < 5; i++) {
      wide.push(`${i},`);
      clock.tick();
      clock.advance(5);
    }
    assert.deepEqual(
      receiver.sent.map((s) => s.text),
      ['0,', '1,'],
    );
    wide.dispose();
  });

  it('loses nothing and keeps the order across stalls and deliveries', async () => {
    for (let burst = 0; burst < 5; burst++) {
      stream(burst * 10, burst * 10 + 10);
      await receiver.deliver();
      clock.tick();
    }
    while (receiver.onTheirWay > 0) {
      await receiver.deliver();
      clock.tick();
    }
    coalescer.flush();
    const expected = Array.from({ length: 50 }, (_, i) => `${i},`).join('');
    assert.equal(receiver.sent.map((s) => s.text).join(''), expected);
    assert.ok(receiver.sent.length < 20, `${receiver.sent.length} messages for 50 deltas`);
  });

  it('a receiver that keeps up gets one message per delta at chat speed', async () => {
    for (let i = 0; i < 10; i++) {
      coalescer.push(`d${i}`);
      clock.tick();
      await receiver.deliver();
      clock.advance(5);
    }
    assert.deepEqual(
      receiver.sent.map((s) => s.text),
      Array.from({ length: 10 }, (_, i) => `d${i}`),
    );
  });

  it('flush sends at once even with the window full: the text must precede what follows', () => {
    stream(0, 3);
    assert.equal(receiver.sent.length, 1);
    coalescer.flush();
    assert.deepEqual(
      receiver.sent.map((s) => s.text),
      ['0,', '1,2,'],
    );
  });

  it('a receiver that never answers holds text for the give-up time, not forever', () => {
    stream(0, 3);
    assert.equal(receiver.sent.length, 1);
    clock.advance(1_000);
    clock.tick();
    assert.deepEqual(
      receiver.sent.map((s) => s.text),
      ['0,', '1,2,'],
    );
  });

  it('dispose cancels the give-up timers', () => {
    stream(0, 3);
    coalescer.dispose();
    assert.equal(clock.scheduled, 0);
  });
});
