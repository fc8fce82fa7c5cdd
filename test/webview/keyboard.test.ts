import * as assert from 'node:assert/strict';
import { eventually } from '../harness/eventually';
import { useChatPage } from './harness/hooks';
import { conversation, message, viewState } from './harness/state';

const MAX_TABS = 30;

describe('keyboard-only use', () => {
  const chat = useChatPage();

  async function tabUntil(name: string, backwards = false): Promise<void> {
    for (let i = 0; i < MAX_TABS; i++) {
      if ((await chat().call('focused')) === name) return;
      await chat().page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
    }
    assert.fail(`Tab never reached "${name}" (focused: ${await chat().call('focused')})`);
  }

  it('Tab to the input, type, Enter sends; Tab to Stop; Escape closes the panel', async () => {
    await chat().init(
      viewState({
        conversations: [
          {
            id: 'c1',
            title: 'Old chat',
            targetLabel: 'Ada',
            provider: 'twinexpert',
            updatedAt: Date.now(),
          },
        ],
      }),
    );
    await tabUntil('Message');
    await chat().page.keyboard.type('first line');
    await chat().page.keyboard.press('Shift+Enter');
    await chat().page.keyboard.type('second line');
    await chat().page.keyboard.press('Enter');
    const [send] = await chat().waitForPosted('chat/send');
    assert.deepEqual(send, { type: 'chat/send', text: 'first line\nsecond line' });
    assert.equal(await chat().page.getByRole('textbox', { name: 'Message' }).inputValue(), '');

    await chat().stream(
      'r1',
      message('a1', 'assistant', ''),
      message('u1', 'user', send?.text ?? ''),
      ['Thinking'],
      false,
    );
    await tabUntil('Stop');
    await chat().page.keyboard.press('Enter');
    assert.deepEqual(await chat().waitForPosted('chat/cancel'), [
      { type: 'chat/cancel', requestId: 'r1' },
    ]);

    await tabUntil('Conversations', true);
    await chat().page.keyboard.press('Space');
    const panel = chat().page.locator('.history-panel');
    assert.equal(await panel.isVisible(), true);
    assert.equal(await chat().call('focused'), 'Search conversations');
    await chat().page.keyboard.press('Escape');
    assert.equal(await panel.isVisible(), false);
    assert.equal(await chat().call('focused'), 'Conversations');
  });

  it('puts the cursor in the message box when the host asks (Open Chat, New Chat), ready to type', async () => {
    await chat().init(viewState());
    assert.notEqual(await chat().call('focused'), 'Message');
    await chat().send({ type: 'input/focus' });
    // The host's message arrives as a window message, a task of its own: keys typed before it ran
    // went to the page (on a busy machine "typed at o" did). Once it ran, the box has the cursor.
    await eventually(
      async () => (await chat().call('focused')) === 'Message',
      'the message box focused',
    );
    await chat().page.keyboard.type('typed at once');
    const box = chat().page.getByRole('textbox', { name: 'Message' });
    assert.equal(await box.inputValue(), 'typed at once');
  });

  it('Up in an empty box recalls the last sent message', async () => {
    await chat().init(viewState());
    const box = chat().page.getByRole('textbox', { name: 'Message' });
    await box.focus();
    await chat().page.keyboard.type('remember me');
    await chat().page.keyboard.press('Enter');
    await chat().waitForPosted('chat/send');
    await chat().page.keyboard.press('ArrowUp');
    assert.equal(await box.inputValue(), 'remember me');
  });

  it('Remove on an attachment chip keeps the keyboard focus in the chips, then the message box', async () => {
    const file = (id: string, name: string) => ({ id, name, size: 10, kind: 'file' as const });
    const [notes, plan, todo] = [
      file('f1', 'notes.md'),
      file('f2', 'plan.md'),
      file('f3', 'todo.md'),
    ];
    await chat().init(viewState({ attachments: [notes, plan] }));
    await tabUntil('Remove notes.md');
    await chat().page.keyboard.press('Enter');
    await chat().waitForPosted('attachment/remove');
    // The host's answer to the Remove; another attachment arriving rebuilds the chips too.
    await chat().send({ type: 'attachments/update', attachments: [plan] });
    await chat().settle();
    assert.equal(await chat().call('focused'), 'Remove plan.md', 'the chip that took its place');
    await chat().send({ type: 'attachments/update', attachments: [plan, todo] });
    await chat().settle();
    assert.equal(await chat().call('focused'), 'Remove plan.md', 'the same chip after an update');
    await chat().send({ type: 'attachments/update', attachments: [] });
    await chat().settle();
    assert.equal(await chat().call('focused'), 'Message', 'the box once no chip is left');
  });

  it('Refresh keeps the keyboard focus while the twins and bots load, and asks only once', async () => {
    const state = viewState();
    await chat().init(state);
    await tabUntil('Refresh Twins and Bots');
    await chat().page.keyboard.press('Enter');
    await chat().waitForPosted('targets/refresh');
    await chat().send({ type: 'targets/update', targets: { ...state.targets, loading: true } });
    await chat().settle();
    assert.equal(await chat().call('focused'), 'Refresh Twins and Bots', 'while loading');
    await chat().page.keyboard.press('Enter');
    assert.equal((await chat().postedOfType('targets/refresh')).length, 1, 'no second refresh');
    await chat().send({ type: 'targets/update', targets: { ...state.targets, loading: false } });
    await chat().settle();
    assert.equal(await chat().call('focused'), 'Refresh Twins and Bots', 'once loaded');
  });

  it('Show earlier messages gives its focus to the first message when it goes', async () => {
    // Ten more than the view renders at first. Tabbing to the button scrolls to the top, where
    // the older messages may be rendered ahead of the reader (in idle time) before Enter, taking
    // the button away under the focus; or Enter brings them. Either way the focus must not be lost.
    const messages = Array.from({ length: 60 }, (_, i) =>
      message(`m${i}`, i % 2 ? 'assistant' : 'user', `Message ${i}`),
    );
    await chat().init(viewState({ conversation: conversation(messages) }));
    const focused = () =>
      chat().page.evaluate<string>(
        `document.activeElement.dataset.messageId ?? document.activeElement.getAttribute('aria-label') ?? document.activeElement.textContent.trim()`,
      );
    for (let i = 0; i < MAX_TABS; i++) {
      const now = await focused();
      if (now === 'm0') break;
      if (now === 'Show earlier messages') {
        await chat().page.keyboard.press('Enter');
        break;
      }
      await chat().page.keyboard.press('Tab');
    }
    const button = chat().page.getByRole('button', { name: 'Show earlier messages' });
    await eventually(async () => !(await button.isVisible()), 'every message shown');
    assert.equal(await focused(), 'm0');
  });

  it('gives every control in the view an accessible name', async () => {
    await chat().init(
      viewState({
        attachments: [{ id: 'f1', name: 'notes.md', size: 2048, kind: 'file' }],
        conversation: conversation([
          message(
            'a1',
            'assistant',
            '```js\nx()\n```\n[link](https://example.com) ![img](https://example.com/i.png)',
          ),
        ]),
        conversations: [
          {
            id: 'c1',
            title: 'Old chat',
            targetLabel: 'Ada',
            provider: 'twinexpert',
            updatedAt: Date.now(),
          },
        ],
      }),
    );
    await chat().page.getByRole('button', { name: 'Conversations' }).click();
    const unnamed = await chat().page.evaluate(() => {
      const doc = (
        globalThis as unknown as {
          document: {
            querySelectorAll(s: string): ArrayLike<{
              outerHTML: string;
              getAttribute(n: string): string | null;
              textContent: string | null;
              checkVisibility(): boolean;
            }>;
          };
        }
      ).document;
      const controls = Array.from(
        doc.querySelectorAll('button, select, textarea, input, [role="link"]'),
      );
      return controls
        .filter(
          (el) =>
            el.checkVisibility() &&
            !el.getAttribute('aria-label') &&
            !(el.textContent ?? '').trim(),
        )
        .map((el) => el.outerHTML.slice(0, 80));
    });
    assert.deepEqual(unnamed, []);
  });
});
