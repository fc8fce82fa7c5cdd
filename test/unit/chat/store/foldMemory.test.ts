import * as assert from 'node:assert/strict';
import { foldForSearch, foldWithOrigins } from '../../../../src/chat/store/foldText';

// Search folds each distinct character once and remembers it. Answers in CJK bring tens of
// thousands of distinct characters over a long day of searches; what is remembered is bounded.

/** Distinct CJK ideographs, more than any bound on what is remembered would sensibly be. */
const DISTINCT = 20_000;
/** Two caches may each remember a character (whole-text folding and snippets). */
const MOST_REMEMBERED = 2 * 8_192;

describe('what folding remembers', () => {
  it('remembers a bounded number of the characters that snippets and the index fold', () => {
    const characters = Array.from({ length: DISTINCT }, (_, i) => String.fromCodePoint(0x4e00 + i));
    const remembered = countMapKeysAmong(new Set(characters), () => {
      // A message is folded for the index, and for its snippet when it matches.
      for (let at = 0; at < characters.length; at += 100) {
        const message = characters.slice(at, at + 100).join('');
        assert.equal(foldForSearch(message), message);
        assert.equal(foldWithOrigins(message).text, message);
      }
    });
    assert.ok(remembered <= MOST_REMEMBERED, `${remembered} characters remembered`);
  });
});

/** How many of `keys` some Map was given as a key while `work` ran. */
function countMapKeysAmong(keys: ReadonlySet<string>, work: () => void): number {
  const set = Map.prototype.set; // eslint-disable-line @typescript-eslint/unbound-method
  let count = 0;
  Map.prototype.set = function (this: Map<unknown, unknown>, key: unknown, value: unknown) {
    if (typeof key === 'string' && keys.has(key) && !this.has(key)) count += 1;
    return set.call(this, key, value);
  };
  try {
    work();
  } finally {
    Map.prototype.set = set;
  }
  return count;
}
