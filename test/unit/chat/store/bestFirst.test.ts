import * as assert from 'node:assert/strict';
import { BestFirst } from '../../../../src/chat/store/bestFirst';

/** What sorting gave before: positions by weight, greatest first, a stable sort keeping ties in order. */
function sortedPositions(weights: readonly number[]): number[] {
  return weights
    .map((weight, position) => ({ weight, position }))
    .sort((a, b) => b.weight - a.weight)
    .map((entry) => entry.position);
}

/** Deterministic weights with many ties (a search's scores repeat when conversations are alike). */
function weightsFrom(seed: number, count: number): number[] {
  let state = seed;
  return Array.from({ length: count }, () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return (state % 7) * 0.5;
  });
}

describe('best-first order of search candidates', () => {
  it('hands out positions in the order a stable sort by weight gave, ties by position', () => {
    for (const count of [0, 1, 2, 3, 10, 57, 1000]) {
      const weights = weightsFrom(count + 1, count);
      const order = new BestFirst(Float64Array.from(weights));
      const taken: number[] = [];
      // In pages of uneven size, as a search reads them.
      for (let size = 1; order.remaining > 0; size = (size % 23) + 1) {
        taken.push(...order.take(size));
      }
      assert.deepEqual(taken, sortedPositions(weights), `${count} weights`);
    }
  });

  it('counts what remains and gives no more than it holds', () => {
    const order = new BestFirst(Float64Array.from([0.5, 2, 1]));
    assert.equal(order.remaining, 3);
    assert.deepEqual(order.take(2), [1, 2]);
    assert.equal(order.remaining, 1);
    assert.deepEqual(order.take(5), [0]);
    assert.deepEqual(order.take(1), []);
    assert.equal(order.remaining, 0);
  });
});
