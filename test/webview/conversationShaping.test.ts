import * as assert from 'node:assert/strict';
import type { ConversationSummary } from '../../src/shared/protocol';
import { UNDO_DELETE_MS } from '../../src/webview-ui/delays';
import { useChatPage } from './harness/hooks';
import { conversation, message, viewState } from './harness/state';

// Renaming, drafting, sending and deleting as a user's hands do it: an input method composing
// text, the arrows in a typed draft, a double-click on Send, the keyboard focus after a control
// that had it goes away.

const summaries: ConversationSummary[] = [
  {
    id: 'c1',
    title: 'Sorting arrays',
    targetLabel: 'Ada',
    provider: 'twinexpert',
    updatedAt: Date.now() - 3_600_000,
  },
  {
    id: 'c2',
    title: 'Deploy help',
    targetLabel: 'Support Bot',
    provider: 'kamimind',
    updatedAt: Date.now() - 86_400_000,
  },
];

describe('shaping a conversation', () => {
  const chat = useChatPage();
  const page = () => chat().page;
  const focused = (): Promise<string> => chat().call('focused');

  /** Composes "việ" through Chromium's real IME path, then presses the Enter that commits it. */
  async function composeThenEnter(): Promise<void> {
    const cdp = await page().context().newCDPSession(page());
    await cdp.send('Input.imeSetComposition', { text: 'việ', selectionStart: 3, selectionEnd: 3 });
    await page().evaluate(`document.addEventListener('keydown',
      (e) => { window.__enterComposing = e.isComposing; }, { capture: true, once: true })`);
    await cdp.send('Input.dispatchKeyEvent', {
      type: 'rawKeyDown',
      key: 'Enter',
      code: 'Enter',
      windowsVirtualKeyCode: 13,
    });
    assert.equal(
      await page().evaluate<boolean>('window.__enterComposing'),
      true,
      'the page saw the Enter as part of the composition',
    );
    await chat().settle();
  }

  it('rename: the Enter that commits an IME composition (Vietnamese) does not submit the title', async () => {
    await chat().init(viewState({ conversations: summaries }));
    await page().getByRole('button', { name: 'Conversations' }).click();
    await page().getByRole('button', { name: 'Rename Sorting arrays' }).click();
    const input = page().getByRole('textbox', { name: 'New title' });
    await input.fill('Sắp xếp ');
    await composeThenEnter();
    assert.deepEqual(
      await chat().postedOfType('conversation/rename'),
      [],
      'a composing Enter must not rename the conversation to a half-typed title',
    );
    assert.equal(await input.count(), 1, 'the rename box stays open while composing');
  });

  it('composer: the Enter that commits an IME composition does not send', async () => {
    await chat().init(viewState());
    await page().getByRole('textbox', { name: 'Message' }).fill('Xin chào ');
    await composeThenEnter();
    assert.deepEqual(await chat().postedOfType('chat/send'), []);
  });

  it('composer: Up at the start of a typed draft keeps the draft (Up recalls only in an empty box)', async () => {
    await chat().init(viewState());
    const box = page().getByRole('textbox', { name: 'Message' });
    await box.focus();
    await page().keyboard.type('first message');
    await page().keyboard.press('Enter');
    await chat().waitForPosted('chat/send');
    await page().keyboard.type('line one of a long draft');
    await page().keyboard.press('Shift+Enter');
    await page().keyboard.type('line two');
    // Back to the very start (Ctrl+Home), then Up once more, as one does in a text box.
    await page().keyboard.press('Control+Home');
    await page().keyboard.press('ArrowUp');
    assert.equal(await box.inputValue(), 'line one of a long draft\nline two', 'the draft is kept');
  });

  it('Send: a double-click sends once and does not stop the answer it just started', async () => {
    await chat().init(viewState());
    await page().getByRole('textbox', { name: 'Message' }).fill('one question');
    const send = page().getByRole('button', { name: 'Send' });
    const box = await send.boundingBox();
    assert.ok(box);
    await page().mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page().mouse.down({ clickCount: 1 });
    await page().mouse.up({ clickCount: 1 });
    await chat().waitForPosted('chat/send');
    // The host answers within milliseconds (ChatSession.send → Answers.start → chat/started).
    await chat().send({
      type: 'chat/started',
      requestId: 'r1',
      userMessage: message('u1', 'user', 'one question'),
      assistantMessage: message('a1', 'assistant', '', { status: 'streaming' }),
    });
    await chat().call('delivered');
    // The second click of the same double-click lands on the button, now Stop.
    await page().mouse.down({ clickCount: 2 });
    await page().mouse.up({ clickCount: 2 });
    await chat().settle();
    assert.deepEqual(
      await chat().postedOfType('chat/cancel'),
      [],
      'the double-click stopped the answer it had just asked for',
    );
    assert.equal((await chat().postedOfType('chat/send')).length, 1, 'sent once');
    // A deliberate click on Stop, later, still stops it.
    await page().getByRole('button', { name: 'Stop' }).click();
    assert.deepEqual(await chat().waitForPosted('chat/cancel'), [
      { type: 'chat/cancel', requestId: 'r1' },
    ]);
  });

  it('conversation list: after Undo the restored conversation’s row has the focus', async () => {
    await chat().init(viewState({ conversations: summaries }));
    await page().getByRole('button', { name: 'Conversations' }).click();
    await page().getByRole('button', { name: 'Delete Sorting arrays' }).focus();
    await page().keyboard.press('Enter');
    await chat().waitForPosted('conversation/delete');
    assert.equal(await focused(), 'Undo', 'Delete hands the focus to Undo');
    await page().keyboard.press('Enter');
    await chat().waitForPosted('conversation/restore');
    await chat().settle();
    assert.equal(await focused(), 'Open Sorting arrays', 'after Undo');
  });

  it('conversation list: after Delete now the search box has the focus', async () => {
    await chat().init(viewState({ conversations: summaries }));
    await page().getByRole('button', { name: 'Conversations' }).click();
    await page().getByRole('button', { name: 'Delete Sorting arrays' }).focus();
    await page().keyboard.press('Enter');
    await chat().waitForPosted('conversation/delete');
    await page().keyboard.press('Tab');
    assert.equal(await focused(), 'Delete now');
    await page().keyboard.press('Enter');
    await chat().settle();
    assert.equal(await focused(), 'Search conversations', 'after Delete now');
  });

  it('transcript: after Remove (delete one exchange) the message box has the focus', async () => {
    const messages = [
      message('u1', 'user', 'first question'),
      message('a1', 'assistant', 'first answer'),
      message('u2', 'user', 'second question'),
      message('a2', 'assistant', 'second answer'),
    ];
    await chat().init(viewState({ conversation: conversation(messages) }));
    const a1 = page().locator('.message[data-message-id="a1"]');
    await a1.getByRole('button', { name: 'Delete from This Transcript' }).focus();
    await page().keyboard.press('Enter');
    await a1.getByRole('button', { name: 'Remove' }).focus();
    await page().keyboard.press('Enter');
    await chat().waitForPosted('message/delete');
    // What the host answers (SessionBranches.deleteExchange → showConversation).
    await chat().send({ type: 'conversation/show', conversation: conversation(messages.slice(2)) });
    await chat().settle();
    assert.equal(await focused(), 'Message', 'after Remove');
  });

  it('transcript: after an edited question is sent the message box has the focus', async () => {
    const messages = [
      message('u1', 'user', 'first question'),
      message('a1', 'assistant', 'first answer'),
    ];
    await chat().init(viewState({ conversation: conversation(messages) }));
    await page().getByRole('button', { name: 'Edit and Ask Again' }).click();
    await page().getByRole('textbox', { name: 'Edit message' }).fill('first question, sharper');
    await page().keyboard.press('Enter');
    await chat().waitForPosted('chat/edit');
    // What the host answers (SessionBranches.startBranch): the new branch, its answer to come.
    const edited = message('u1b', 'user', 'first question, sharper', { siblingIds: ['u1', 'u1b'] });
    await chat().send({ type: 'conversation/show', conversation: conversation([edited]) });
    await chat().settle();
    assert.equal(await focused(), 'Message', 'after the edit');
  });

  it('transcript: after Regenerate the message box has the focus', async () => {
    const messages = [
      message('u1', 'user', 'first question'),
      message('a1', 'assistant', 'first answer'),
    ];
    await chat().init(viewState({ conversation: conversation(messages) }));
    await page().getByRole('button', { name: 'Regenerate' }).focus();
    await page().keyboard.press('Enter');
    await chat().waitForPosted('chat/regenerate');
    // What the host answers (SessionBranches.startBranch, then Answers.start, then chat/done).
    await chat().send({ type: 'conversation/show', conversation: conversation([]) });
    await chat().stream(
      'r1',
      message('a1b', 'assistant', ''),
      message('u1b', 'user', 'first question', { siblingIds: ['u1', 'u1b'] }),
      ['a new answer'],
    );
    assert.equal(await focused(), 'Message', 'after Regenerate');
  });
});

describe('shaping a conversation, as time passes', () => {
  const chat = useChatPage('manual');

  it('conversation list: when the Undo bar that has the focus times out, the search box takes it', async () => {
    await chat().init(viewState({ conversations: summaries }));
    await chat().page.getByRole('button', { name: 'Conversations' }).click();
    await chat().page.getByRole('button', { name: 'Delete Sorting arrays' }).focus();
    await chat().page.keyboard.press('Enter');
    await chat().waitForPosted('conversation/delete');
    assert.equal(await chat().call('focused'), 'Undo');
    await chat().advance(UNDO_DELETE_MS);
    assert.equal(await chat().page.locator('.undo-bar').isHidden(), true, 'the bar is gone');
    assert.equal(await chat().call('focused'), 'Search conversations');
  });
});
