// Without any key (a first run, or after Clear Credentials) the welcome shows; conversations
// already saved stay readable under it.
import * as assert from 'node:assert/strict';
import type { ViewState } from '../../src/shared/protocol';
import { useChatPage } from './harness/hooks';
import { conversation, message, viewState } from './harness/state';

const signedOut: Partial<ViewState> = {
  credentials: { twinexpert: false, kamimind: false },
  targets: { targets: [], loading: false },
};

const earlier = conversation(
  [message('u1', 'user', 'How do I sort?'), message('a1', 'assistant', 'Use toSorted.')],
  'c7',
);

describe('the welcome over saved conversations', () => {
  const chat = useChatPage();
  const page = () => chat().page;
  const welcome = () => page().getByRole('heading', { name: 'Chat with your AI twins' });

  it('keeps the open conversation readable under the welcome after the keys are removed', async () => {
    await chat().init(viewState({ conversation: earlier }));
    await page().getByText('Use toSorted.').waitFor();
    await chat().send({ type: 'credentials/didChange', credentials: signedOut.credentials! });
    await welcome().waitFor();
    assert.equal(await page().getByText('How do I sort?').isVisible(), true);
    assert.equal(await page().getByText('Use toSorted.').isVisible(), true);
  });

  it('shows a conversation opened from the history while no key is set', async () => {
    await chat().init(viewState(signedOut));
    await welcome().waitFor();
    await chat().send({ type: 'conversation/show', conversation: earlier });
    await page().getByText('Use toSorted.').waitFor({ state: 'visible' });
    assert.equal(await welcome().isVisible(), true, 'the welcome still says how to start');
  });

  it('a new chat with no key shows the welcome alone again', async () => {
    await chat().init(viewState({ ...signedOut, conversation: earlier }));
    await page().getByText('Use toSorted.').waitFor({ state: 'visible' });
    await chat().send({ type: 'conversation/show', conversation: conversation([], 'c8') });
    await page().getByText('Use toSorted.').waitFor({ state: 'detached' });
    assert.equal(await page().locator('.transcript').isVisible(), false);
    assert.equal(await page().getByRole('textbox', { name: 'Message' }).isVisible(), false);
    assert.equal(await welcome().isVisible(), true);
  });

  it('an answer sent by a command before any key (Send Selection) shows, with its failure', async () => {
    await chat().init(viewState(signedOut));
    await welcome().waitFor();
    const user = message('u1', 'user', 'const x = 1;');
    const answer = message('a1', 'assistant', '', { status: 'streaming' });
    await chat().send({
      type: 'chat/started',
      requestId: 'r1',
      userMessage: user,
      assistantMessage: answer,
    });
    await chat().send({
      type: 'chat/error',
      requestId: 'r1',
      message: {
        ...answer,
        status: 'error',
        error: { message: 'No key is set.', kind: 'auth', actions: ['setTwinExpertKey'] },
      },
    });
    await page()
      .locator('.message-error')
      .getByText('No key is set.')
      .waitFor({ state: 'visible' });
    assert.equal(await page().getByText('const x = 1;').isVisible(), true);
  });

  it('a file attached before any key (Attach Current File) shows in the message box under the welcome', async () => {
    await chat().init(viewState(signedOut));
    await welcome().waitFor();
    const notes = { id: 'f1', name: 'notes.md', size: 120, kind: 'file' as const };
    await chat().send({ type: 'attachments/update', attachments: [notes] });
    await page().locator('.chips').getByText('notes.md').waitFor({ state: 'visible' });
    assert.equal(await page().getByRole('textbox', { name: 'Message' }).isVisible(), true);
    assert.equal(await welcome().isVisible(), true, 'the welcome still says a key is needed');
  });

  it('an open conversation keeps its message box without a key, to continue it from', async () => {
    await chat().init(viewState({ ...signedOut, conversation: earlier }));
    await page().getByText('Use toSorted.').waitFor({ state: 'visible' });
    const box = page().getByRole('textbox', { name: 'Message' });
    await box.fill('And in place?');
    await box.press('Enter');
    assert.deepEqual(await chat().waitForPosted('chat/send'), [
      { type: 'chat/send', text: 'And in place?' },
    ]);
  });
});
