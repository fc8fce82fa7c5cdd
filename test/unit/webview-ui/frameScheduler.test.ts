import * as assert from 'node:assert/strict';
import { FrameScheduler, type Pace } from '../../../src/webview-ui/frameScheduler';
import { ManualClock } from './manualClock';

// The webview's pacing decisions, stepped frame by frame on a clock the test moves. What these
// decisions cost in a real browser is measured by `npm run bench` (render, latency), not here.

const FRAME_MS = 16;
const STREAM_PACE: Pace = { minIntervalMs: 0, costFactor: 4 };

describe('frame scheduler', () => {
  let clock: ManualClock;
  let frames: FrameScheduler;
  const owner = {};
  let runs: string[];

  beforeEach(() => {
    clock = new ManualClock();
    frames = new FrameScheduler(clock);
    runs = [];
  });

  /** The browser's next frame: time moves on by one frame, then the frame's callbacks run. */
  function nextFrame(): void {
    clock.advance(FRAME_MS);
    clock.frame();
  }

  /** A job that records its name and spends `recurringMs` + `onceMs`, reporting the recurring part. */
  function job(name: string, recurringMs: number, onceMs?: number) {
    return () => {
      runs.push(name);
      clock.spend(recurringMs + (onceMs ?? 0));
      return onceMs === undefined ? undefined : recurringMs;
    };
  }

  it('runs work in the next frame, once, with the newest work scheduled before it', () => {
    frames.schedule(owner, job('first', 1));
    frames.schedule(owner, job('second', 1));
    assert.deepEqual(runs, [], 'nothing runs before the frame');
    assert.equal(clock.framesRequested, 1, 'one frame requested for both');
    nextFrame();
    assert.deepEqual(runs, ['second']);
    nextFrame();
    assert.deepEqual(runs, ['second'], 'nothing left for the frame after');
  });

  it('batches the work of several owners into the same frame', () => {
    frames.schedule({}, job('a', 1));
    frames.schedulePaced({}, job('b', 1), STREAM_PACE);
    assert.equal(clock.framesRequested, 1);
    nextFrame();
    assert.deepEqual(runs, ['a', 'b']);
  });

  it('redraws a quick streaming tail in every frame', () => {
    for (let delta = 0; delta < 10; delta++) {
      frames.schedulePaced(owner, job(`delta ${delta}`, 1), STREAM_PACE);
      nextFrame();
    }
    assert.equal(runs.length, 10, `every delta drawn in the frame after it: ${runs.join(', ')}`);
  });

  it('redraws a tail that is slow to render at most once per costFactor x its cost', () => {
    frames.schedulePaced(owner, job('slow 1', 10), STREAM_PACE);
    nextFrame();
    const firstStart = clock.now() - 10;
    // 10 ms to redraw: the next redraw may start 40 ms after this one started.
    frames.schedulePaced(owner, job('slow 2', 10), STREAM_PACE);
    frames.schedulePaced(owner, job('slow 3', 10), STREAM_PACE);
    assert.equal(clock.framesRequested, 0, 'the next redraw waits on a timer, not a frame');
    nextFrame();
    assert.deepEqual(runs, ['slow 1'], 'not in the frame after');
    clock.advance(firstStart + 40 - clock.now() - 1);
    assert.equal(clock.framesRequested, 0, '1 ms before it is due, still waiting');
    clock.advance(1);
    assert.equal(clock.framesRequested, 1, 'due: queued for the next frame');
    nextFrame();
    assert.deepEqual(runs, ['slow 1', 'slow 3'], 'the newest work, once');
  });

  it('does not hold the next redraw after one run the machine stretched', () => {
    // Quick redraws, then one the operating system paused (a busy CPU) or a GC stretched to 30 ms.
    for (const [name, ms] of [
      ['quick 1', 1],
      ['quick 2', 1],
      ['stretched', 30],
    ] as const) {
      frames.schedulePaced(owner, job(name, ms), STREAM_PACE);
      nextFrame();
    }
    frames.schedulePaced(owner, job('next', 1), STREAM_PACE);
    assert.equal(clock.framesRequested, 1, 'the next redraw waits for a frame, not a timer');
    nextFrame();
    assert.deepEqual(runs, ['quick 1', 'quick 2', 'stretched', 'next']);
  });

  it('paces a tail that has become slow on every run', () => {
    for (const [name, ms] of [
      ['quick', 1],
      ['slow 1', 10],
      ['slow 2', 10],
      ['slow 3', 10],
    ] as const) {
      frames.schedulePaced(owner, job(name, ms), STREAM_PACE);
      nextFrame();
    }
    frames.schedulePaced(owner, job('next', 10), STREAM_PACE);
    assert.equal(clock.framesRequested, 0, 'three slow runs in a row: the next one waits');
    assert.equal(clock.timersWaiting, 1);
  });

  it('counts only the part of a run that recurs, so completing many blocks does not slow the tail', () => {
    // Each run renders hundreds of completed blocks once (40 ms) and a short tail (1 ms).
    for (let delta = 0; delta < 5; delta++) {
      frames.schedulePaced(owner, job(`delta ${delta}`, 1, 40), STREAM_PACE);
      nextFrame();
    }
    assert.equal(runs.length, 5, `drawn in the frame after each delta: ${runs.join(', ')}`);
  });

  it('waits at least minIntervalMs between runs of paced work', () => {
    const pace: Pace = { minIntervalMs: 50, costFactor: 4 };
    frames.schedulePaced(owner, job('1', 0), pace);
    nextFrame();
    frames.schedulePaced(owner, job('2', 0), pace);
    nextFrame();
    nextFrame();
    assert.deepEqual(runs, ['1'], '32 ms after the first run, still waiting');
    clock.advance(50 - 2 * FRAME_MS);
    nextFrame();
    assert.deepEqual(runs, ['1', '2']);
  });

  it('lets final work replace paced work that is waiting, in the next frame', () => {
    frames.schedulePaced(owner, job('preview 1', 20), STREAM_PACE);
    nextFrame();
    frames.schedulePaced(owner, job('preview 2', 20), STREAM_PACE);
    frames.schedule(owner, job('final', 1));
    assert.equal(clock.timersWaiting, 0, 'the waiting preview is cancelled');
    nextFrame();
    assert.deepEqual(runs, ['preview 1', 'final']);
    clock.advance(1_000);
    nextFrame();
    assert.deepEqual(runs, ['preview 1', 'final'], 'the cancelled preview never runs');
  });
});
