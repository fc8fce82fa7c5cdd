import * as assert from 'node:assert/strict';
import { toErrorView } from '../../../src/chat/errorView';
import type { StoredAttachment } from '../../../src/chat/model';
import { buildOutgoing } from '../../../src/chat/outgoing';
import { parseTargetKey } from '../../../src/chat/targets';
import { ProviderError } from '../../../src/providers/errors';

// The host's callers ask the provider descriptor (src/shared/providers.ts) what to do; these pin
// what each provider gets, so a wrong descriptor field or a caller that ignores it shows here.
describe('callers ask the provider descriptor', () => {
  const rejected = new ProviderError({ kind: 'auth', userMessage: 'The key was rejected.' });
  const notes: StoredAttachment = {
    id: 'a1',
    name: 'notes.md',
    size: 5,
    kind: 'selection',
    content: 'hello',
  };

  it('a rejected credential offers the command that sets that provider’s credential', () => {
    assert.deepEqual(toErrorView(rejected, 'twinexpert').actions, [
      'setTwinExpertKey',
      'retry',
      'showLogs',
    ]);
    assert.deepEqual(toErrorView(rejected, 'kamimind').actions, [
      'setKamiMindToken',
      'retry',
      'showLogs',
    ]);
    assert.deepEqual(toErrorView(rejected, undefined).actions, ['showLogs']);
  });

  it('KamiMind gets files as uploads, TwinExpert gets their text inside the message', async () => {
    const upload = await buildOutgoing('kamimind', 'Read this', [notes], 1024);
    assert.equal(upload.text, 'Read this');
    assert.deepEqual(
      upload.attachments.map((a) => [a.name, new TextDecoder().decode(a.data)]),
      [['notes.md', 'hello']],
    );
    const inline = await buildOutgoing('twinexpert', 'Read this', [notes], 1024);
    assert.deepEqual(inline.attachments, []);
    assert.equal(inline.text, 'Read this\n\nFile `notes.md`:\n```\nhello\n```');
  });

  it('a target key names a known provider, never an inherited property name', () => {
    assert.deepEqual(parseTargetKey('kamimind:bot:1'), { provider: 'kamimind', id: 'bot:1' });
    assert.deepEqual(parseTargetKey('twinexpert:t1'), { provider: 'twinexpert', id: 't1' });
    for (const key of [
      'constructor:x',
      'toString:x',
      '__proto__:x',
      'openai:x',
      ':x',
      'twinexpert',
    ])
      assert.equal(parseTargetKey(key), undefined, key);
  });
});
