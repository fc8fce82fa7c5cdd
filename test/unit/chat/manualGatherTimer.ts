import type { GatherTimer } from '../../../src/chat/gathered';

/** A timer the test fires by hand. */
export class ManualGatherTimer implements GatherTimer {
  private waiting: (() => void)[] = [];

  after(_ms: number, fn: () => void): () => void {
    this.waiting.push(fn);
    return () => (this.waiting = this.waiting.filter((f) => f !== fn));
  }

  get pending(): number {
    return this.waiting.length;
  }

  fire(): void {
    const due = this.waiting;
    this.waiting = [];
    for (const fn of due) fn();
  }
}
