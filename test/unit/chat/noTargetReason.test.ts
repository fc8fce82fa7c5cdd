// A message with no twin or bot to go to: the failed answer says why and what to do, which
// depends on what is missing (a key, a twin on the account), not only "choose one".
import * as assert from 'node:assert/strict';
import type { ChatSession } from '../../../src/chat/chatSession';
import { ChatSessions } from '../../../src/chat/chatSessions';
import { sidebarMemory } from '../../../src/chat/sessionMemory';
import type { CredentialPresence } from '../../../src/shared/protocol';
import { startSimulator, type Simulator } from '../../simulator/server';
import { ChatFixture } from './chatFixture';

describe('a message with no twin or bot to answer it', function () {
  this.timeout(30_000);
  let sim: Simulator;
  let fx: ChatFixture;
  before(async () => {
    // An account without twins: GET /twins answers an empty list.
    sim = await startSimulator({ port: 0, tokenDelayMs: 0, twinCount: 0 });
  });
  after(() => sim.stop());
  beforeEach(() => {
    sim.reset();
    fx = new ChatFixture(sim);
  });
  afterEach(() => fx.dispose());

  /** The sidebar's chat in a window whose keychain holds `presence`, its targets listed. */
  async function chatWith(presence: CredentialPresence): Promise<ChatSession> {
    const window = new ChatSessions({ ...fx.deps(), presence: () => Promise.resolve(presence) });
    const chat = window.open(fx.sidebarSurface, sidebarMemory(fx.workspaceState));
    await window.refreshTargets();
    return chat;
  }

  async function failureOf(chat: ChatSession, text: string) {
    await chat.send(text);
    const error = fx.of('chat/error').at(-1)?.message.error;
    assert.ok(error, 'the answer failed');
    return error;
  }

  it('before any key is set (Send Selection from the editor): says to set a key, then Retry', async () => {
    const chat = await chatWith({ twinexpert: false, kamimind: false });
    const error = await failureOf(chat, '```ts\nconst x = 1;\n```');
    assert.match(error.message, /no API key or bot/i);
    assert.match(error.message, /TwinExpert API key|KamiMind bot/);
    assert.doesNotMatch(error.message, /picker/, 'no picker is shown before a key is set');
    assert.ok(error.actions.includes('retry'), 'the message is kept for Retry');
  });

  it('a key whose account has no twins: says so and how to go on, not "choose one"', async () => {
    const chat = await chatWith({ twinexpert: true, kamimind: false });
    assert.deepEqual(chat.targetsView().targets, [], 'the simulator lists no twins');
    assert.equal(chat.targetsView().error, undefined, 'an empty list is no listing failure');
    const error = await failureOf(chat, 'hello?');
    assert.match(error.message, /no twins/i);
    assert.match(error.message, /Refresh/);
    assert.doesNotMatch(error.message, /Choose a twin or bot in the picker/);
    assert.ok(error.actions.includes('retry'));
  });

  it('twins listed but none chosen: still asks to choose one in the picker', async () => {
    const chat = await chatWith({ twinexpert: false, kamimind: true });
    await fx.workspaceState.update('twinChat.selectedTarget', undefined);
    const error = await failureOf(chat, 'hello?');
    assert.match(error.message, /Choose a twin or bot in the picker above/);
  });
});
