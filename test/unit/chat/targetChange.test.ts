// Choosing another twin while a conversation is open starts a new chat, and the view is told so.
import * as assert from 'node:assert/strict';
import type { ChatSession } from '../../../src/chat/chatSession';
import { tabMemory } from '../../../src/chat/sessionMemory';
import { Targets } from '../../../src/chat/targets';
import type { HostToWebview } from '../../../src/shared/protocol';
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

  it('sends a message posted right after the choice to the new twin, in the new chat', async () => {
    await selectFirstTwin(chat);
    await chat.send('hello');
    const previous = chat.currentConversationId();
    fx.posted.length = 0;
    // The view posts both at once: the choice is still being saved when the message arrives.
    await Promise.all([chat.selectTarget(bot), chat.send('for the bot')]);
    const sent = chat.conversationNow();
    assert.notEqual(sent.id, previous);
    assert.equal(sent.target?.provider, 'kamimind', 'asked of the twin chosen first');
    assert.deepEqual(
      sent.messages.map((m) => [m.role, m.role === 'user' ? m.text : m.status]),
      [
        ['user', 'for the bot'],
        ['assistant', 'complete'],
      ],
    );
    const old = await chat.shared.find(previous);
    assert.deepEqual(
      old?.messages.map((m) => m.text.slice(0, 5)),
      ['hello', old?.messages[1]?.text.slice(0, 5)],
      'nothing added to the old conversation',
    );
    const order = fx.posted.map((m) => m.type).filter((t) => t !== 'conversations/update');
    assert.ok(
      order.indexOf('conversation/show') < order.indexOf('chat/started'),
      `the new chat is shown before the question appears in it: ${order.join(', ')}`,
    );
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

  it("shows @twin's /use at once where the workspace's choice is followed, and nowhere else", async () => {
    const twin = await selectFirstTwin(chat);
    const tabPosted: HostToWebview[] = [];
    const tab = chat.shared.open(
      { id: 'tab-own-choice', post: (m) => void tabPosted.push(m), reveal: () => undefined },
      tabMemory(fx.workspaceState, 'tab-own-choice'),
    );
    await tab.selectTarget(twin);
    fx.posted.length = 0;
    tabPosted.length = 0;
    fx.statuses.length = 0;

    // @twin keeps its own target list over the same workspace state (register.ts), then says so.
    await new Targets(fx.workspaceState).select(bot);
    chat.shared.workspaceTargetChanged();

    const shown = (posted: HostToWebview[]) =>
      posted.flatMap((m) => (m.type === 'targets/update' ? [m.targets.selectedKey] : [])).at(-1);
    assert.equal(shown(fx.posted), bot, "the sidebar's picker follows the workspace's choice");
    assert.equal(shown(tabPosted), twin, 'a tab that chose its own keeps it');
    assert.equal(fx.statuses.at(-1)?.target, bot, 'the status bar names it too');
  });
});
