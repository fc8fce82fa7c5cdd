import * as assert from 'node:assert/strict';
import { contentSecurityPolicy, createNonce, renderShell } from '../../src/webview/html';

const assets = {
  cspSource: 'https://webview.example',
  scriptUri: 'https://webview.example/main.js',
  styleUri: 'https://webview.example/main.css',
  locale: 'en',
};

function directives(csp: string): Map<string, string> {
  return new Map(
    csp.split(';').map((part) => {
      const [name = '', ...values] = part.trim().split(/\s+/);
      return [name, values.join(' ')];
    }),
  );
}

describe('the webview HTML shell', () => {
  it('denies everything by default and allows scripts only by nonce', () => {
    const csp = directives(contentSecurityPolicy(assets.cspSource, 'abc'));
    assert.equal(csp.get('default-src'), "'none'");
    assert.equal(csp.get('script-src'), "'nonce-abc'");
    assert.equal(csp.get('connect-src'), "'none'");
    assert.equal(csp.get('form-action'), "'none'");
    // blob: only for images (pasted images' thumbnails, bytes the page holds); never data: or remote.
    assert.equal(csp.get('img-src'), `${assets.cspSource} blob:`);
    for (const [name, value] of csp)
      if (name !== 'img-src') assert.doesNotMatch(value, /blob:/, name);
    for (const value of csp.values()) assert.doesNotMatch(value, /data:/);
    assert.equal(csp.get('style-src'), assets.cspSource);
    for (const value of csp.values()) assert.doesNotMatch(value, /unsafe|https?:\/\/(?!webview)/);
  });

  it('puts the nonce on its only script and has no inline script', () => {
    const html = renderShell(assets, 'n0nce');
    const scripts = [...html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
    assert.equal(scripts.length, 1);
    assert.match(scripts[0]![1]!, /nonce="n0nce"/);
    assert.equal(scripts[0]![2], '');
  });

  it('uses a fresh, unguessable nonce per load', () => {
    const nonces = new Set(Array.from({ length: 50 }, () => createNonce()));
    assert.equal(nonces.size, 50);
    for (const nonce of nonces) assert.ok(nonce.length >= 24);
  });

  it('escapes asset URLs and the locale', () => {
    const html = renderShell({ ...assets, locale: '"><script>x</script>' }, 'n');
    assert.doesNotMatch(html, /<script>x<\/script>/);
  });
});
