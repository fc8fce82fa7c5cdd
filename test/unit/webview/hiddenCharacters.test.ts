import * as assert from 'node:assert/strict';
import { hiddenCharacters } from '../../../src/shared/hiddenCharacters';
import { ALLOWED_URI } from '../../../src/webview-ui/markdown/uriPolicy';

describe('hidden characters', () => {
  for (const [name, text, label] of [
    ['zero-width space', 'admin\u200B', 'U+200B'],
    ['zero-width non-joiner after Latin', 'admin\u200C', 'U+200C'],
    ['zero-width joiner after Latin', 'admin\u200D', 'U+200D'],
    ['word joiner', 'ad\u2060min', 'U+2060'],
    ['BOM inside text', 'ad\uFEFFmin', 'U+FEFF'],
    ['soft hyphen', 'ad\u00ADmin', 'U+00AD'],
    ['variation selector after a letter', 'a\uFE00', 'U+FE00'],
    ['supplementary variation selector', 'a\u{E0100}', 'U+E0100'],
    ['Hangul choseong filler', 'x\u115F', 'U+115F'],
    ['Hangul jungseong filler', 'x\u1160', 'U+1160'],
    ['Hangul filler', 'x\u3164', 'U+3164'],
    ['halfwidth Hangul filler', 'x\uFFA0', 'U+FFA0'],
    ['right-to-left override', 'x\u202E', 'U+202E'],
    ['variation selectors smuggled after an emoji', '😀\uFE0F\uFE01\uFE02', 'U+FE01'],
  ] as const) {
    it(`finds ${name}`, () => assert.ok(hiddenCharacters(text).includes(label)));
  }

  for (const [name, text] of [
    ['an emoji presentation selector', '❤\uFE0F'],
    ['an emoji ZWJ sequence', '👨\u200D👩\u200D👧'],
    ['a flag ZWJ sequence', '🏳\uFE0F\u200D🌈'],
    ['a keycap', '1\uFE0F\u20E3'],
    ['a Persian zero-width non-joiner', 'می\u200Cخواهم'],
    ['a zero-width joiner between Devanagari letters', 'क्\u200Dष'],
    ['a zero-width joiner between Arabic letters', 'ل\u200Dا'],
  ] as const) {
    it(`leaves ordinary spelling alone: ${name}`, () =>
      assert.deepEqual(hiddenCharacters(text), []));
  }
});

describe('the sanitizer URI pattern', () => {
  for (const value of ['https://ok.example/', 'http://ok.example/', '3', 'relative/path', '#top'])
    it(`keeps ${value}`, () => assert.ok(ALLOWED_URI.test(value)));
  for (const value of [
    's3://bucket/key',
    'web+a1:x',
    'javascript:alert(1)',
    'data:text/html,x',
    'x-1:y',
  ])
    it(`drops ${value}`, () => assert.ok(!ALLOWED_URI.test(value)));
});
