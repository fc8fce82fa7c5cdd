import type { Timer } from '../../../src/chat/timer';

/** A timer the test fires by hand. */
export class ManualTimer implements Timer {
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
