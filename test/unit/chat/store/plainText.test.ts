import * as assert from 'node:assert/strict';
import { oneLine } from '../../../../src/chat/store/plainText';

/** One line as defined: every run of whitespace as one space, trimmed. */
function oneLineByRuns(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

describe('text on one line', () => {
  it('is what replacing every run of whitespace gives, for any mix of spaces', () => {
    const pieces = [
      ' ',
      '  ',
      '\n',
      '\r\n',
      '\t',
      '\u00a0',
      '\u2028',
      '\u3000',
      '\ufeff',
      'a',
      'ế',
      'b c',
    ];
    let state = 7;
    const next = (): number => {
      state ^= state << 13;
      state ^= state >>> 17;
      state ^= state << 5;
      return (state >>> 0) / 2 ** 32;
    };
    for (let i = 0; i < 20_000; i++) {
      let text = '';
      for (let n = Math.floor(next() * 12); n > 0; n--) {
        text += pieces[Math.floor(next() * pieces.length)] ?? '';
      }
      assert.equal(oneLine(text), oneLineByRuns(text), JSON.stringify(text));
    }
  });

  it('keeps single spaces and joins lines', () => {
    assert.equal(oneLine('  a b\n\n c\t d  '), 'a b c d');
  });
});
