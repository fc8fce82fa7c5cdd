// A conversation with a KamiMind bot the user removed since (Remove KamiMind Bot): the next
// message says the bot is gone and what helps, not "set the token", which cannot help.
import * as assert from 'node:assert/strict';
import type { ChatSession } from '../../../src/chat/chatSession';
import { createKamiMindProvider } from '../../../src/providers/kamiMind';
import { DEMO_CREDENTIALS, type Simulator } from '../../simulator/server';
import { DEMO_BOT, type ChatFixture } from './chatFixture';
import { useChatFixture } from './useChatFixture';

/** What Credentials.removeBot leaves: the bot is no longer listed and its token is deleted. */
function removeDemoBot(fx: ChatFixture, sim: Simulator): void {
  fx.providers.kamimind = createKamiMindProvider({
    baseUrl: sim.url,
    getToken: () => Promise.resolve(DEMO_CREDENTIALS.kamiMindToken),
    listBots: () => Promise.resolve([]),
    getBotToken: () => Promise.resolve(undefined),
    http: fx.http,
  });
}

describe('a conversation whose KamiMind bot was removed', function () {
  this.timeout(30_000);
  const harness = useChatFixture({ tokenDelayMs: 0 });
  let sim: Simulator;
  let fx: ChatFixture;
  let chat: ChatSession;
  beforeEach(() => ({ sim, fx, chat } = harness()));

  it('says the bot was removed and to choose another, with no Set Token button', async () => {
    await chat.selectTarget(`kamimind:${DEMO_BOT.id}`);
    await chat.send('hello');
    assert.equal(fx.of('chat/done').at(-1)?.message.status, 'complete');
    removeDemoBot(fx, sim);
    await chat.shared.refreshTargets();
    const sent = sim.requests.length;
    await chat.send('and now?');
    const error = fx.of('chat/error').at(-1)?.message.error;
    assert.ok(error, 'the answer failed');
    assert.match(error.message, /removed/);
    assert.match(error.message, /choose another twin or bot/i);
    assert.ok(
      !error.actions.includes('setKamiMindToken'),
      `Set Token cannot bring a removed bot back: ${error.actions.join(', ')}`,
    );
    assert.ok(error.actions.includes('retry'), 'the message is kept for Retry');
    assert.equal(sim.requests.length, sent, 'nothing was sent');
  });
});
