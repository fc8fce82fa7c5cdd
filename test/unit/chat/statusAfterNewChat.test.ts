import * as assert from 'node:assert/strict';
import type { ChatSession } from '../../../src/chat/chatSession';
import { eventually } from '../../harness/eventually';
import type { Simulator } from '../../simulator/server';
import type { ChatFixture } from './chatFixture';
import { useChatFixture } from './useChatFixture';

// The status bar follows the chat on screen. A chat that leaves an answer streaming into the
// conversation it left (New Chat, or another twin, which starts a new chat) is idle: the status
// bar must not keep saying it streams, for the old target or the new one.
describe('the status bar after leaving an answer that still streams', function () {
  this.timeout(30_000);
  const harness = useChatFixture({ tokenDelayMs: 2, selectTwin: true });
  let sim: Simulator;
  let fx: ChatFixture;
  let chat: ChatSession;
  beforeEach(() => ({ sim, fx, chat } = harness()));

  async function leaveMidAnswer(leave: () => Promise<unknown>): Promise<void> {
    sim.configure({ fault: { kind: 'longAnswer', deltas: 300 } });
    const sending = chat.send('a long question');
    await eventually(() => fx.of('chat/delta').length > 0, 'the answer under way');
    await leave();
    await sending;
    await eventually(() => chat.shared.streamingConversationIds().length === 0, 'the answer ended');
  }

  it('says connected after New Chat', async () => {
    await leaveMidAnswer(() => chat.newChat());
    assert.equal(fx.statuses.at(-1)?.state, 'connected', JSON.stringify(fx.statuses.slice(-3)));
  });

  it('says connected, for the new target, after choosing another twin or bot', async () => {
    await leaveMidAnswer(() => chat.selectTarget('kamimind:demo-bot'));
    const last = fx.statuses.at(-1);
    assert.equal(last?.state, 'connected', JSON.stringify(fx.statuses.slice(-3)));
    assert.equal(last?.target, 'kamimind:demo-bot');
  });
});
