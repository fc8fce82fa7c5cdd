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
