// Choosing another twin starts a new chat: the view says so until the user moves on.
import * as assert from 'node:assert/strict';
import { eventually } from '../harness/eventually';
import { useChatPage } from './harness/hooks';
import { conversation, message, viewState } from './harness/state';

const NOTICE = 'New chat with Support Bot. The previous conversation is in the history.';

describe('a new chat because another twin was chosen', () => {
  const chat = useChatPage();
  const notice = () => chat().page.getByRole('status').filter({ hasText: 'New chat with' });

  async function switchTwin(): Promise<void> {
    await chat().init(viewState({ conversation: conversation([message('u1', 'user', 'hi')]) }));
    await chat().send({ type: 'conversation/show', conversation: conversation([], 'c2') });
    await chat().send({ type: 'notice/newChatForTarget', targetLabel: 'Support Bot' });
    await eventually(async () => (await notice().count()) === 1, 'the notice');
  }

  it('says that a new chat started with the new twin and where the old one is', async () => {
    await switchTwin();
    assert.equal(await notice().innerText(), NOTICE);
    assert.ok(await notice().isVisible());
  });

  it('goes away once a message is sent in the new chat', async () => {
    await switchTwin();
    await chat().send({
      type: 'chat/started',
      requestId: 'r1',
      userMessage: message('u2', 'user', 'hello'),
      assistantMessage: message('a2', 'assistant', '', { status: 'streaming' }),
    });
    await eventually(async () => !(await notice().isVisible()), 'the notice gone');
  });

  it('goes away when another conversation is opened', async () => {
    await switchTwin();
    await chat().send({ type: 'conversation/show', conversation: conversation([], 'c3') });
    await eventually(async () => !(await notice().isVisible()), 'the notice gone');
  });
});
