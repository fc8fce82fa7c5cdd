import * as assert from 'node:assert/strict';
import { plainText } from '../../../src/participant/plainText';

// Server words and file names reach VS Code's Markdown renderer through plainText. Each case is a
// way Markdown could load, link or format something; escaped, the text must show as itself.

/** What a CommonMark renderer shows for text with backslash escapes and nothing else. */
function shown(markdown: string): string {
  return markdown.replace(/\\([!-/:-@[-`{-~])/g, '$1');
}

describe('plainText for the Chat view', () => {
  const hostile = [
    '![x](https://evil.example/p)',
    '[click](command:workbench.action.reloadWindow)',
    'see https://evil.example/p or www.evil.example or a@evil.example',
    '<img src="https://evil.example/p"> &lt;b&gt;',
    '$(alert) **bold** _it_ `code` ~~gone~~',
    '# heading',
    '1. item | a | b |',
    'C:\\path\\to\\.env',
  ];

  it('escapes every character that could start a construct, and shows the text unchanged', () => {
    for (const text of hostile) {
      const markdown = plainText(text);
      assert.doesNotMatch(markdown, /(^|[^\\])(\\\\)*[[\]()<>!`*_~$&:@#|]/, markdown);
      assert.equal(shown(markdown), text);
    }
  });
});
