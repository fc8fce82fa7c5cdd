/**
 * Positions of `weights`, greatest weight first and, among equal weights, lowest position first
 * (what a stable sort gives), handed out as asked for. A search pages through the first few dozen
 * of its matches, and a common word matches nearly every conversation: a heap orders all of them
 * in one linear pass and then pays only for the ones taken, where sorting paid for all of them.
 */
export class BestFirst {
  /** A binary heap of positions, the best at the root. */
  private readonly heap: Uint32Array;
  private size: number;

  constructor(private readonly weights: Float64Array) {
    this.size = weights.length;
    this.heap = new Uint32Array(this.size);
    for (let i = 0; i < this.size; i++) this.heap[i] = i;
    for (let i = (this.size >> 1) - 1; i >= 0; i--) this.siftDown(i);
  }

  get remaining(): number {
    return this.size;
  }

  /** The next `count` positions (fewer when fewer remain), best first. */
  take(count: number): number[] {
    const taken: number[] = [];
    while (taken.length < count && this.size > 0) {
      taken.push(this.heap[0] ?? 0);
      this.size -= 1;
      this.heap[0] = this.heap[this.size] ?? 0;
      this.siftDown(0);
    }
    return taken;
  }

  private better(a: number, b: number): boolean {
    const wa = this.weights[a] ?? 0;
    const wb = this.weights[b] ?? 0;
    return wa > wb || (wa === wb && a < b);
  }

  private siftDown(from: number): void {
    const { heap, size } = this;
    let at = from;
    for (;;) {
      const left = 2 * at + 1;
      if (left >= size) return;
      const right = left + 1;
      const child = right < size && this.better(heap[right] ?? 0, heap[left] ?? 0) ? right : left;
      const moving = heap[at] ?? 0;
      const best = heap[child] ?? 0;
      if (!this.better(best, moving)) return;
      heap[at] = best;
      heap[child] = moving;
      at = child;
    }
  }
}
