// Choosing another twin while a conversation is open starts a new chat, and the view is told so.
import * as assert from 'node:assert/strict';
import type { ChatSession } from '../../../src/chat/chatSession';
import { ChatFixture, DEMO_BOT } from './chatFixture';
import { selectFirstTwin, useChatFixture } from './useChatFixture';

describe('changing the twin of an open conversation', function () {
  this.timeout(30_000);
  const harness = useChatFixture({ tokenDelayMs: 0 });
  let fx: ChatFixture;
  let chat: ChatSession;
  beforeEach(() => ({ fx, chat } = harness()));

  const bot = `kamimind:${DEMO_BOT.id}`;

  it('starts a new chat and says so, naming the new twin; the old one is kept in history', async () => {
    await selectFirstTwin(chat);
    await chat.send('hello');
    const previous = chat.currentConversationId();
    fx.posted.length = 0;
    await chat.selectTarget(bot);
    assert.notEqual(chat.currentConversationId(), previous);
    // The picker and the history list are refreshed too (every surface's); not what this is about.
    const refreshes = new Set(['targets/update', 'conversations/update']);
    assert.deepEqual(
      fx.posted.map((m) => m.type).filter((t) => !refreshes.has(t)),
      ['conversation/show', 'notice/newChatForTarget'],
      'the notice comes after the new, empty conversation is shown',
    );
    assert.deepEqual(fx.of('notice/newChatForTarget'), [
      { type: 'notice/newChatForTarget', targetLabel: DEMO_BOT.label },
    ]);
    const listed = (await chat.viewState()).conversations.map((c) => c.id);
    assert.ok(listed.includes(previous), 'the previous conversation is in history');
  });

  it('says nothing when no conversation was under way, or the same twin is chosen again', async () => {
    const twin = await selectFirstTwin(chat);
    fx.posted.length = 0;
    await chat.selectTarget(bot); // nothing sent yet: nothing to leave behind
    await chat.selectTarget(twin);
    await chat.send('hello');
    await chat.selectTarget(twin);
    assert.equal(fx.of('notice/newChatForTarget').length, 0);
    assert.equal(fx.of('conversation/show').length, 0);
  });
});
