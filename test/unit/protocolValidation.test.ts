import * as assert from 'node:assert/strict';
import type { Base64Bytes, WebviewToHost } from '../../src/shared/protocol';
import {
  MAX_INBOUND_BASE64,
  MAX_INBOUND_STRING,
  parseWebviewMessage,
} from '../../src/shared/protocolValidation';

const PNG_BASE64 = 'iVBORw0KGgo=' as Base64Bytes;

/** One valid example of every message type; the mapped type makes a missing type a compile error. */
const EXAMPLES: { [T in WebviewToHost['type']]: Extract<WebviewToHost, { type: T }> } = {
  'webview/ready': { type: 'webview/ready', protocolVersion: 1 },
  'chat/send': { type: 'chat/send', text: 'hi' },
  'chat/cancel': { type: 'chat/cancel', requestId: 'r1' },
  'chat/retry': { type: 'chat/retry', messageId: 'm1' },
  'chat/edit': { type: 'chat/edit', messageId: 'm1', text: 'better question' },
  'chat/regenerate': { type: 'chat/regenerate', messageId: 'm2' },
  'branch/switch': { type: 'branch/switch', messageId: 'm1' },
  'message/delete': { type: 'message/delete', messageId: 'm1' },
  'message/copy': { type: 'message/copy', messageId: 'm1' },
  'conversation/copy': { type: 'conversation/copy' },
  'chat/new': { type: 'chat/new' },
  'target/select': { type: 'target/select', key: 'twinexpert:t1' },
  'targets/refresh': { type: 'targets/refresh' },
  'conversation/open': { type: 'conversation/open', conversationId: 'c1' },
  'conversation/rename': { type: 'conversation/rename', conversationId: 'c1', title: 'New' },
  'conversation/delete': { type: 'conversation/delete', conversationId: 'c1' },
  'conversation/restore': { type: 'conversation/restore', conversationId: 'c1' },
  'conversation/export': { type: 'conversation/export', conversationId: 'c1' },
  'search/query': { type: 'search/query', query: 'debounce' },
  'search/more': { type: 'search/more', query: 'debounce', from: 20 },
  'attachment/remove': { type: 'attachment/remove', attachmentId: 'a1' },
  'attachment/addUris': { type: 'attachment/addUris', uris: 'file:///w/a.ts\nfile:///w/b.ts' },
  'attachment/pasteImage': { type: 'attachment/pasteImage', data: PNG_BASE64, key: 'k1' },
  'mention/query': { type: 'mention/query', query: 'read' },
  'draft/changed': { type: 'draft/changed', text: 'half a thought' },
  'link/open': { type: 'link/open', url: 'https://example.com/' },
  'code/copy': { type: 'code/copy', code: 'x()' },
  'error/copyDetails': { type: 'error/copyDetails', text: 'Failed.\nServer said: CODE: text' },
  'code/insert': { type: 'code/insert', code: 'x()' },
  'serverConversations/list': {
    type: 'serverConversations/list',
    twinKey: 'twinexpert:t1',
    page: 2,
  },
  'serverConversations/open': {
    type: 'serverConversations/open',
    twinKey: 'twinexpert:t1',
    remoteId: 'conv_1',
  },
  'code/open': { type: 'code/open', code: 'x()', language: 'ts' },
  'command/run': { type: 'command/run', command: 'showLogs' },
};

/** A value of the wrong type for `value`'s field: a number for a string and vice versa. */
function mistyped(value: unknown): unknown {
  return typeof value === 'number' ? String(value) : 42;
}

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

  for (const example of Object.values(EXAMPLES)) {
    it(`${example.type}: accepts a valid one, rejects it with any field missing or mistyped`, () => {
      assert.deepEqual(parseWebviewMessage({ ...example, extra: 'dropped' }), example);
      for (const field of Object.keys(example).filter((name) => name !== 'type')) {
        const value: unknown = (example as Record<string, unknown>)[field];
        const missing: Record<string, unknown> = { ...example };
        delete missing[field];
        assert.equal(parseWebviewMessage(missing), undefined, `without ${field}`);
        const wrong = { ...example, [field]: mistyped(value) };
        assert.equal(parseWebviewMessage(wrong), undefined, `${field} mistyped`);
      }
    });
  }

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

  it('takes pasted bytes only as bounded, well-formed base64', () => {
    const paste = (data: string) =>
      parseWebviewMessage({ type: 'attachment/pasteImage', key: 'k', data });
    assert.ok(paste(PNG_BASE64));
    assert.ok(paste('A'.repeat(MAX_INBOUND_BASE64)), 'the largest allowed image');
    assert.equal(paste('A'.repeat(MAX_INBOUND_BASE64 + 4)), undefined, 'one block too many');
    for (const bad of ['', 'not base64!', 'QUJD\nREVG', 'QQ===', 'data:image/png;base64,QQ==']) {
      assert.equal(paste(bad), undefined, JSON.stringify(bad));
    }
  });
});
