import * as assert from 'node:assert/strict';
import { foldForSearch, foldWithOrigins } from '../../../../src/chat/store/foldText';

describe('folding text for search', () => {
  it('lower-cases ASCII and drops diacritics, đ as d, whatever was folded before', () => {
    assert.equal(foldForSearch('Retry POLICY'), 'retry policy');
    assert.equal(foldForSearch('Tiếng Việt ở Đà Nẵng'), 'tieng viet o da nang');
    // Twice: a character is folded once and then remembered.
    assert.equal(foldWithOrigins('Đà Nẵng, Đà Lạt').text, 'da nang, da lat');
    assert.equal(foldWithOrigins('Đà Nẵng, Đà Lạt').text, 'da nang, da lat');
  });

  it('says where in the original each folded unit came from', () => {
    const original = 'x İ Việt 😀 e\u0301';
    const folded = foldWithOrigins(original);
    // İ lower-cases to i plus a dot that goes; the emoji is two units; e plus a mark is one letter.
    assert.equal(folded.text, 'x i viet 😀 e');
    const at = folded.text.indexOf('viet');
    const start = folded.origin[at] ?? -1;
    const end = folded.origin[at + 'viet'.length] ?? -1;
    assert.equal(original.slice(start, end), 'Việt');
    assert.equal(folded.origin[folded.text.length], original.length);
  });
});

/** Folding as defined: the whole text lower-cased, decomposed, its marks dropped, đ as d. */
function foldAtOnce(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/đ/g, 'd');
}

describe('folding text a character at a time', () => {
  it('folds every character as folding the whole text at once does', () => {
    const differing: string[] = [];
    for (let code = 0x80; code <= 0x2ffff; code++) {
      if (code >= 0xd800 && code <= 0xdfff) continue; // halves of a pair, not characters
      const text = `A${String.fromCodePoint(code)}b`;
      if (foldForSearch(text) !== foldAtOnce(text)) differing.push(code.toString(16));
    }
    assert.deepEqual(differing.slice(0, 10), []);
  });

  it('folds mixed text, decomposed marks and context-dependent lower case as at once', () => {
    const texts = [
      'Tiếng Việt có dấu đầy đủ, ĐƯỜNG TRUYỀN ổn định',
      'e\u0301 a\u0323\u0302 o\u031b\u0301 (decomposed marks, out of canonical order)',
      'ΟΔΟΣ Σ ΣΑΣ: a Greek final sigma lower-cases by its neighbours',
      'İstanbul 😀 𝐀𝐁 ﬁ K Å',
    ];
    for (const text of texts) assert.equal(foldForSearch(text), foldAtOnce(text), text);
  });
});
