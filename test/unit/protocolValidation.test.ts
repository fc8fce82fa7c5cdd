import * as assert from 'node:assert/strict';
import { MAX_INBOUND_STRING, parseWebviewMessage } from '../../src/shared/protocolValidation';

describe('messages from the webview', () => {
  it('accepts well-formed messages and keeps only their declared fields', () => {
    assert.deepEqual(parseWebviewMessage({ type: 'webview/ready', protocolVersion: 1 }), {
      type: 'webview/ready',
      protocolVersion: 1,
    });
    assert.deepEqual(
      parseWebviewMessage({ type: 'chat/send', text: 'hi', __proto__evil: 1, extra: 'x' }),
      { type: 'chat/send', text: 'hi' },
    );
    assert.deepEqual(parseWebviewMessage({ type: 'chat/new' }), { type: 'chat/new' });
  });

  it('rejects unknown types, missing or mistyped fields, and non-objects', () => {
    for (const raw of [
      null,
      'chat/send',
      [],
      {},
      { type: 'eval', code: '1' },
      { type: 'toString' },
      { type: 'constructor' },
      { type: 'chat/send' },
      { type: 'chat/send', text: 42 },
      { type: 'webview/ready', protocolVersion: '1' },
      { type: 'webview/ready', protocolVersion: Number.NaN },
      { type: 'code/open', code: 'x' },
    ]) {
      assert.equal(parseWebviewMessage(raw), undefined, JSON.stringify(raw));
    }
  });

  it('only lets the webview run the commands it is meant to', () => {
    assert.deepEqual(parseWebviewMessage({ type: 'command/run', command: 'showLogs' }), {
      type: 'command/run',
      command: 'showLogs',
    });
    for (const command of ['workbench.action.terminal.new', 'twinChat.clearCredentials', '']) {
      assert.equal(parseWebviewMessage({ type: 'command/run', command }), undefined, command);
    }
  });

  it('rejects oversized strings', () => {
    const text = 'x'.repeat(MAX_INBOUND_STRING + 1);
    assert.equal(parseWebviewMessage({ type: 'chat/send', text }), undefined);
  });
});
