// A snippet is cut from the message around the match: it must not cut a character the user sees
// in two (a flag, a family emoji, a Vietnamese letter typed with combining marks).
import * as assert from 'node:assert/strict';
import { conversationWith, StoreFolder } from './storeFixture';

const segmenter = new Intl.Segmenter('vi', { granularity: 'grapheme' });

function boundaries(text: string): Set<number> {
  const at = new Set<number>([text.length]);
  for (const { index } of segmenter.segment(text)) at.add(index);
  return at;
}

/** Where the snippet (without its ellipses) was cut from `text`, checked at grapheme boundaries. */
function assertWholeGraphemes(text: string, excerpt: string): void {
  const inner = excerpt.replace(/^…/, '').replace(/…$/, '');
  const start = text.indexOf(inner);
  assert.ok(start >= 0, `snippet ${JSON.stringify(excerpt)} is not cut from the message`);
  const cuts = boundaries(text);
  assert.ok(
    cuts.has(start),
    `snippet starts mid-character: ${JSON.stringify(excerpt.slice(0, 6))}`,
  );
  assert.ok(
    cuts.has(start + inner.length),
    `snippet ends mid-character: ${JSON.stringify(excerpt.slice(-6))}`,
  );
}

describe('snippets cut at whole characters', () => {
  let folder: StoreFolder;
  beforeEach(() => (folder = new StoreFolder()));
  afterEach(() => folder.remove());

  const cases: [string, string][] = [
    // 40 UTF-16 units before the match falls between the flag's two regional indicators.
    ['a flag', `Xin chào 🇻🇳 ${'b'.repeat(36)} needle and more words after it`],
    // ... inside a family emoji (ZWJ sequence).
    ['a family emoji', `start 👨‍👩‍👧${'c'.repeat(34)} needle and more words after it`],
    // 40 units after the match falls between e and its combining marks (NFD Việt).
    [
      'a letter with combining marks',
      `before needle ${'d'.repeat(34)} Vie\u0323\u0302t Nam and so on`,
    ],
  ];
  for (const [name, text] of cases) {
    it(`does not cut ${name}`, async () => {
      const store = folder.open();
      await store.save(conversationWith('c1', ['question', text]));
      const [hit] = await store.search('needle');
      assert.ok(hit, 'found');
      assertWholeGraphemes(text, hit.excerpt);
    });
  }
});
