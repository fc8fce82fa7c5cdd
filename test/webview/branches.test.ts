import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { MessageView } from '../../src/shared/protocol';
import { UI_STRINGS } from '../../src/shared/uiStrings';
import { accessibilityTree } from './harness/axTree';
import { useChatPage } from './harness/hooks';
import { repoRoot } from './harness/server';
import { conversation, message, viewState } from './harness/state';

/** Two turns; the second question is version 2 of 3, a branch made from "second question". */
function branched(last: Partial<MessageView> = {}): MessageView[] {
  return [
    message('u1', 'user', 'first question'),
    message('a1', 'assistant', 'first answer'),
    message('u2b', 'user', 'second, better put', {
      siblingIds: ['u2', 'u2b', 'u2c'],
      branch: { of: 'second question', sentTurns: 1, droppedTurns: 0 },
    }),
    message('a2b', 'assistant', 'second answer', last),
  ];
}

function vietnameseStrings(): Record<string, string> {
  const file = path.join(repoRoot(), 'l10n', 'bundle.l10n.vi.json');
  const bundle = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, string>;
  return Object.fromEntries(
    Object.entries(UI_STRINGS).map(([key, english]) => [key, bundle[english] ?? english]),
  );
}

/** `count` messages, questions and answers by turns, a minute apart. */
function longHistory(count: number): MessageView[] {
  return Array.from({ length: count }, (_, i) =>
    message(`m${i}`, i % 2 ? 'assistant' : 'user', `Message ${i}`, {
      createdAt: 1_700_000_000_000 + i * 60_000,
    }),
  );
}

describe('edit, regenerate, branches and copy', () => {
  const chat = useChatPage();
  const page = () => chat().page;
  const inMessage = (id: string) => page().locator(`.message[data-message-id="${id}"]`);
  /** The time a message's header shows, which its controls' names repeat. */
  const timeOf = (id: string) => inMessage(id).locator('.message-header .message-time').innerText();
  /** Scrolls up, as a reader would, until the history rendered in idle time reaches `id`. */
  const scrollUntilRendered = (id: string) =>
    page().evaluate<boolean>(`(async () => {
      const t = document.querySelector('.transcript');
      for (let frames = 0; frames < 3000; frames++) {
        if (document.querySelector('.message[data-message-id="${id}"]')) return true;
        t.scrollTop = 0;
        await new Promise((resolve) => requestAnimationFrame(resolve));
      }
      return false;
    })()`);

  it('Edit on every question opens an inline editor: Enter sends the branch, Escape cancels', async () => {
    await chat().init(viewState({ conversation: conversation(branched()) }));
    assert.equal(await page().getByRole('button', { name: 'Edit and Ask Again' }).count(), 2);

    await inMessage('u1').getByRole('button', { name: 'Edit and Ask Again' }).click();
    const editor = page().getByRole('textbox', { name: 'Edit message' });
    assert.equal(await editor.inputValue(), 'first question');
    assert.equal(await chat().call('focused'), 'Edit message', 'focus is in the editor');
    await page().keyboard.press('Escape');
    assert.equal(await editor.count(), 0, 'Escape closes the editor');
    assert.ok(await inMessage('u1').locator('.message-body').isVisible(), 'the question is back');
    assert.equal(
      await chat().call('focused'),
      `Edit and Ask Again: your message, ${await timeOf('u1')}`,
      'focus returns to Edit',
    );
    assert.equal((await chat().postedOfType('chat/edit')).length, 0);

    await page().keyboard.press('Enter');
    await editor.fill('first question, sharper');
    await page().keyboard.press('Enter');
    const [edit] = await chat().waitForPosted('chat/edit');
    assert.deepEqual(edit, {
      type: 'chat/edit',
      messageId: 'u1',
      text: 'first question, sharper',
    });
  });

  it('Regenerate is on the last answer only, also after Stop or an error', async () => {
    for (const status of ['complete', 'stopped', 'error'] as const) {
      const error = { message: 'Busy.', kind: 'server', actions: [] };
      const last = status === 'error' ? { status, error } : { status };
      await chat().init(viewState({ conversation: conversation(branched(last)) }));
      const regenerate = page().getByRole('button', { name: 'Regenerate' });
      assert.equal(await regenerate.count(), 1, status);
      assert.equal(await inMessage('a2b').getByRole('button', { name: 'Regenerate' }).count(), 1);
    }
    await page().getByRole('button', { name: 'Regenerate' }).click();
    const [regenerate] = await chat().waitForPosted('chat/regenerate');
    assert.deepEqual(regenerate, { type: 'chat/regenerate', messageId: 'a2b' });
  });

  it('shows < 2 / 3 > with the branch marker; the switcher works by keyboard and keeps focus', async () => {
    await chat().init(viewState({ conversation: conversation(branched()) }));
    const switcher = page().getByRole('group', { name: 'Version 2 of 3' });
    assert.match(await switcher.innerText(), /2 \/ 3/);
    assert.equal(
      (await inMessage('u2b').locator('.branch-marker').innerText()).trim(),
      'Branch of “second question”: a new server conversation. Earlier turns sent with it as context: 1.',
    );
    await switcher.getByRole('button', { name: 'Next version' }).focus();
    await page().keyboard.press('Enter');
    const [next] = await chat().waitForPosted('branch/switch');
    assert.deepEqual(next, { type: 'branch/switch', messageId: 'u2c' });

    const third = branched().map((m) =>
      m.id === 'u2b' ? { ...m, id: 'u2c', text: 'third version', branch: undefined } : m,
    );
    await chat().send({ type: 'conversation/show', conversation: conversation(third) });
    await chat().settle();
    await page().getByRole('group', { name: 'Version 3 of 3' }).waitFor();
    assert.ok(await page().getByRole('button', { name: 'Next version' }).isDisabled());
    assert.equal(
      await chat().call('focused'),
      `Previous version: your message, ${await timeOf('u2c')}`,
      'focus stays on the switcher',
    );
    await page().keyboard.press('Enter');
    const switches = await chat().waitForPosted('branch/switch', 2);
    assert.equal(switches[1]?.messageId, 'u2b');
  });

  it('copies a whole message and the conversation as Markdown (the host builds the text)', async () => {
    await chat().init(viewState({ conversation: conversation(branched()) }));
    await inMessage('a1').getByRole('button', { name: 'Copy as Markdown' }).click();
    const [copy] = await chat().waitForPosted('message/copy');
    assert.deepEqual(copy, { type: 'message/copy', messageId: 'a1' });
    await inMessage('u1').getByRole('button', { name: 'Copy as Markdown' }).click();
    assert.equal((await chat().waitForPosted('message/copy', 2))[1]?.messageId, 'u1');
    await page().getByRole('button', { name: 'Copy Conversation as Markdown' }).click();
    await chat().waitForPosted('conversation/copy');
  });

  it('deletes one exchange only after saying the server keeps it; Cancel keeps it', async () => {
    await chat().init(viewState({ conversation: conversation(branched()) }));
    const remove = inMessage('a1').getByRole('button', { name: 'Delete from This Transcript' });
    await remove.click();
    assert.match(await inMessage('a1').locator('.delete-confirm').innerText(), /server keeps/);
    assert.equal(await chat().call('focused'), 'Cancel');
    await page().keyboard.press('Enter');
    assert.equal(
      await chat().call('focused'),
      `Delete from This Transcript: answer from Ada, ${await timeOf('a1')}`,
    );
    assert.equal((await chat().postedOfType('message/delete')).length, 0);
    await page().keyboard.press('Enter');
    await inMessage('a1').getByRole('button', { name: 'Remove' }).click();
    const [deleted] = await chat().waitForPosted('message/delete');
    assert.deepEqual(deleted, { type: 'message/delete', messageId: 'a1' });
  });

  it('Shift+Up in an empty message box edits the last question in place', async () => {
    await chat().init(viewState({ conversation: conversation(branched()) }));
    await page().getByRole('textbox', { name: 'Message' }).focus();
    await page().keyboard.press('Shift+ArrowUp');
    const editor = inMessage('u2b').getByRole('textbox', { name: 'Edit message' });
    await editor.waitFor();
    assert.equal(await editor.inputValue(), 'second, better put');
    assert.equal(await chat().call('focused'), 'Edit message');
  });

  it('hides Edit, Regenerate and Delete while an answer streams', async () => {
    await chat().init(viewState({ conversation: conversation(branched()) }));
    await chat().send({
      type: 'chat/started',
      requestId: 'r1',
      userMessage: message('u3', 'user', 'third'),
      assistantMessage: message('a3', 'assistant', '', { status: 'streaming' }),
    });
    await chat().settle();
    assert.equal(await page().getByRole('button', { name: 'Edit and Ask Again' }).count(), 0);
    assert.equal(await page().getByRole('button', { name: 'Regenerate' }).count(), 0);
    assert.equal(await page().getByRole('button', { name: 'Copy as Markdown' }).count(), 5);
  });

  it('builds the controls of history rendered while scrolling once the pointer or focus gets there', async () => {
    await chat().init(viewState({ conversation: conversation(longHistory(120)) }));
    const newest = inMessage('m119');
    assert.equal(await newest.getByRole('button', { name: 'Copy as Markdown' }).count(), 1);
    assert.ok(await scrollUntilRendered('m1'), 'the oldest messages were rendered');
    const oldest = inMessage('m1');
    assert.equal(await oldest.getByRole('button', { name: 'Copy as Markdown' }).count(), 0);
    await oldest.hover();
    await oldest.getByRole('button', { name: 'Copy as Markdown' }).click();
    const [copy] = await chat().waitForPosted('message/copy');
    assert.equal(copy?.messageId, 'm1');

    // By keyboard: a message with nothing focusable in it still has one Tab stop, which builds
    // its controls and hands focus to the first of them.
    const other = inMessage('m3');
    assert.equal(await other.getByRole('button', { name: 'Copy as Markdown' }).count(), 0);
    await other.getByRole('button', { name: 'Actions for This Message' }).focus();
    const focused = await page().evaluate<string | null>(
      `document.activeElement?.closest('.message')?.getAttribute('data-message-id') + ' ' + document.activeElement?.getAttribute('aria-label')`,
    );
    assert.match(focused ?? '', /^m3 /, `focus stays in the message: ${focused}`);
    assert.equal(await other.getByRole('button', { name: 'Copy as Markdown' }).count(), 1);
    assert.equal(await other.getByRole('button', { name: 'Actions for This Message' }).count(), 0);
  });

  it('names every new control in Vietnamese', async () => {
    const strings = vietnameseStrings();
    await chat().init(viewState({ locale: 'vi', strings, conversation: conversation(branched()) }));
    for (const name of ['Sửa và hỏi lại', 'Tạo lại câu trả lời', 'Sao chép dạng Markdown']) {
      assert.ok((await page().getByRole('button', { name }).count()) > 0, name);
    }
    await page().getByRole('group', { name: 'Phiên bản 2/3' }).waitFor();
    await page().getByRole('button', { name: 'Phiên bản sau' }).waitFor();
    await page().getByRole('button', { name: 'Sao chép cuộc trò chuyện dạng Markdown' }).waitFor();
    assert.match(await inMessage('u2b').locator('.branch-marker').innerText(), /^\s*Nhánh của/);
  });

  describe("each control's name says which message it acts on", () => {
    /** branched(), each message sent a few minutes after the one before. */
    const timed = () =>
      branched().map((m, i) => ({ ...m, createdAt: 1_700_000_000_000 + i * 300_000 }));
    /** The names of the buttons under a message, with the tooltips they show. */
    const controlsOf = (id: string) =>
      page().evaluate<string[][]>(
        `Array.from(document.querySelectorAll('.message[data-message-id="${id}"] .message-actions-slot button'), (b) => [b.getAttribute('aria-label'), b.title])`,
      );

    it('two messages’ Copy buttons are told apart by who wrote them and when', async () => {
      await chat().init(viewState({ conversation: conversation(timed()) }));
      const [u1, a1, u2b, a2b] = await Promise.all(['u1', 'a1', 'u2b', 'a2b'].map(timeOf));
      assert.ok(u1 !== u2b, 'the two questions were sent at different times');
      const tree = await accessibilityTree(page());
      const copies = tree.filter(
        (n) => n.role === 'button' && n.name.startsWith('Copy as Markdown'),
      );
      assert.deepEqual(
        copies.map((n) => [n.name, n.description]),
        [
          [`Copy as Markdown: your message, ${u1}`, ''],
          [`Copy as Markdown: answer from Ada, ${a1}`, ''],
          [`Copy as Markdown: your message, ${u2b}`, ''],
          [`Copy as Markdown: answer from Ada, ${a2b}`, ''],
        ],
        'named by message; the tooltip is not read again as a description',
      );
      // Every control of a message, the version switcher's too; each tooltip stays the action.
      assert.deepEqual(await controlsOf('u2b'), [
        [`Previous version: your message, ${u2b}`, 'Previous version'],
        [`Next version: your message, ${u2b}`, 'Next version'],
        [`Edit and Ask Again: your message, ${u2b}`, 'Edit and Ask Again'],
        [`Copy as Markdown: your message, ${u2b}`, 'Copy as Markdown'],
        [`Delete from This Transcript: your message, ${u2b}`, 'Delete from This Transcript'],
      ]);
      assert.deepEqual(await controlsOf('a2b'), [
        [`Regenerate: answer from Ada, ${a2b}`, 'Regenerate'],
        [`Copy as Markdown: answer from Ada, ${a2b}`, 'Copy as Markdown'],
        [`Delete from This Transcript: answer from Ada, ${a2b}`, 'Delete from This Transcript'],
      ]);
    });

    it('says which message in Vietnamese when the view is Vietnamese', async () => {
      const strings = vietnameseStrings();
      await chat().init(viewState({ locale: 'vi', strings, conversation: conversation(timed()) }));
      const [u1, a2b, u2b] = await Promise.all(['u1', 'a2b', 'u2b'].map(timeOf));
      const named = (name: string) => page().getByRole('button', { name, exact: true });
      await named(`Sao chép dạng Markdown: tin nhắn của bạn, ${u1}`).waitFor();
      await named(`Tạo lại câu trả lời: câu trả lời của Ada, ${a2b}`).waitFor();
      await named(`Phiên bản trước: tin nhắn của bạn, ${u2b}`).waitFor();
      await named(`Xóa khỏi bản ghi này: câu trả lời của Ada, ${a2b}`).waitFor();
    });

    it('names controls built later, as the pointer or focus comes, the same way', async () => {
      await chat().init(viewState({ conversation: conversation(longHistory(120)) }));
      const answerControls = (time: string) => [
        [`Regenerate: answer from Ada, ${time}`, 'Regenerate'],
        [`Copy as Markdown: answer from Ada, ${time}`, 'Copy as Markdown'],
        [`Delete from This Transcript: answer from Ada, ${time}`, 'Delete from This Transcript'],
      ];
      assert.deepEqual(await controlsOf('m119'), answerControls(await timeOf('m119')));
      assert.ok(await scrollUntilRendered('m1'), 'the oldest messages were rendered');

      const oldest = inMessage('m1');
      const m1 = await timeOf('m1');
      assert.deepEqual(await controlsOf('m1'), [
        [`Actions for This Message: answer from Ada, ${m1}`, 'Actions for This Message'],
      ]);
      await oldest.hover();
      await oldest.getByRole('button', { name: 'Copy as Markdown' }).waitFor();
      assert.deepEqual(await controlsOf('m1'), answerControls(m1));

      // By keyboard: the one Tab stop hands focus to the first control, named for its message.
      await inMessage('m3').getByRole('button', { name: 'Actions for This Message' }).focus();
      assert.equal(
        await chat().call('focused'),
        `Copy as Markdown: answer from Ada, ${await timeOf('m3')}`,
      );
    });
  });
});
