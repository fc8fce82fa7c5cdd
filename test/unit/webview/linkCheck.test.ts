import * as assert from 'node:assert/strict';
import { checkLink, linkDialog, type Translate } from '../../../src/webview/linkCheck';

// The English text with its {0} filled in, as vscode.l10n.t gives it without a translation.
const english: Translate = (message, ...args) =>
  message.replace(/\{(\d+)\}/g, (_, i: string) => args[Number(i)] ?? '');

function dialogFor(raw: string): ReturnType<typeof linkDialog> {
  return linkDialog(checkLink(raw), english);
}

function refusal(raw: string): string {
  const check = checkLink(raw);
  assert.equal(check.kind, 'refuse', `${raw} should be refused`);
  return check.kind === 'refuse' ? check.reason : '';
}

describe('the link confirmation', () => {
  it('refuses the issue example that reads as github.com and opens evil.example', () => {
    const raw = 'https://github.com%2Fmicrosoft%2Fvscode%2Freleases%E2%80%AE@evil.example/';
    assert.equal(refusal(raw), 'userInfo');
    const dialog = dialogFor(raw);
    assert.equal(dialog.canOpen, false);
    // What the dialog shows is encoded: no decoded "/" or U+202E can rearrange it.
    assert.doesNotMatch(dialog.detail, /github\.com\/|\u202E/);
    assert.match(dialog.detail, /@evil\.example\//);
  });

  it('refuses twenty encoded line breaks that would push the host out of view', () => {
    const raw = `https://ok.example/${'%0A'.repeat(20)}x`;
    assert.equal(refusal(raw), 'hiddenCharacters');
    const dialog = dialogFor(raw);
    assert.doesNotMatch(dialog.detail, /\n.*\n/, 'the detail has no extra lines');
    assert.match(dialog.message, /U\+000A/);
  });

  it('puts the real host on its own first line, even after %0A in the path and user info', () => {
    // Line breaks before the host are impossible: the host line is built from the parsed host.
    const dialog = dialogFor('https://evil.example/github.com/releases');
    assert.equal(dialog.canOpen, true);
    const [siteLine, addressLine, ...rest] = dialog.detail.split('\n');
    assert.equal(siteLine, 'Site: evil.example');
    assert.equal(addressLine, 'Address: https://evil.example/github.com/releases');
    assert.deepEqual(rest, []);
  });

  for (const [name, raw] of [
    ['user and password', 'https://user:pass@evil.example/'],
    ['user only', 'https://github.com@evil.example/'],
    ['empty user info', 'https://@evil.example/'],
    ['encoded @ is not user info but a decoded one is', 'http://a%40b@evil.example/'],
  ] as const) {
    it(`refuses a user-info part: ${name}`, () => {
      assert.equal(refusal(raw), 'userInfo');
    });
  }

  for (const [name, raw, label] of [
    ['U+202E encoded in the path', 'https://ok.example/abc%E2%80%AEgpj.exe', 'U+202E'],
    ['U+202E raw in the path', 'https://ok.example/abc\u202Egpj.exe', 'U+202E'],
    ['U+200B raw in the host', 'https://goo\u200Bgle.com/', 'U+200B'],
    ['U+200B encoded in the host', 'https://goo%E2%80%8Bgle.com/', 'U+200B'],
    ['U+200B in the path', 'https://ok.example/ad%E2%80%8Bmin', 'U+200B'],
    ['double-encoded U+202E', 'https://ok.example/%25E2%2580%25AE', 'U+202E'],
    ['an encoded NUL', 'https://ok.example/%00', 'U+0000'],
    ['a C1 control', 'https://ok.example/%C2%85', 'U+0085'],
    ['a Hangul filler', 'https://ok.example/%E3%85%A4', 'U+3164'],
  ] as const) {
    it(`refuses hidden characters after decoding: ${name}`, () => {
      const check = checkLink(raw);
      assert.equal(check.kind === 'refuse' && check.reason, 'hiddenCharacters');
      assert.ok(check.kind === 'refuse' && check.hidden.includes(label), JSON.stringify(check));
      assert.match(dialogFor(raw).message, new RegExp(label.replace('+', '\\+')));
    });
  }

  it('shows an international host as punycode', () => {
    const dialog = dialogFor('https://\u0430pple.com/login'); // Cyrillic а
    assert.equal(dialog.canOpen, true);
    assert.equal(dialog.detail.split('\n')[0], 'Site: xn--pple-43d.com');
    assert.doesNotMatch(dialog.detail, /\u0430/);
  });

  it('shows the address encoded, as the browser will receive it', () => {
    const dialog = dialogFor('https://ok.example/a b?q=ü#frag');
    assert.equal(dialog.detail.split('\n')[1], 'Address: https://ok.example/a%20b?q=%C3%BC#frag');
  });

  it('keeps http and https only', () => {
    assert.equal(refusal('javascript:alert(1)'), 'notWeb');
    assert.equal(refusal('file:///etc/passwd'), 'notWeb');
    assert.equal(refusal('command:workbench.action.terminal.new'), 'notWeb');
    assert.equal(refusal('not a url'), 'unparsable');
    assert.equal(checkLink('http://ok.example/').kind, 'open');
  });
});
