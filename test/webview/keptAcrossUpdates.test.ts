import * as assert from 'node:assert/strict';
import type { ConversationSummary } from '../../src/shared/protocol';
import { useChatPage } from './harness/hooks';
import { conversation, message, viewState } from './harness/state';

// What the user is in the middle of (a search hit opened, a title typed, a row focused, a draft
// the host set) survives the host's messages that come in meanwhile for other reasons.

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

/** What has the focus: body when nothing does (a keyboard user starts over from the top). */
const FOCUSED = `(() => {
  const el = document.activeElement;
  if (!el || el === document.body) return 'body';
  if (el.dataset.messageId) return 'message ' + el.dataset.messageId;
  return (el.getAttribute('aria-label') || el.textContent.trim() || el.tagName).slice(0, 60);
})()`;

describe('what the user is doing survives host updates', () => {
  const chat = useChatPage();
  const page = () => chat().page;
  const focused = () => page().evaluate<string>(FOCUSED);

  it('search: a hit in the open conversation is revealed at once, not later out of the blue', async () => {
    const messages = Array.from({ length: 40 }, (_, i) =>
      message(`m${i}`, i % 2 ? 'assistant' : 'user', i % 2 ? `Answer ${i}` : `Question ${i}`),
    );
    await chat().init(viewState({ conversation: conversation(messages) }));
    await page().getByRole('button', { name: 'Conversations' }).click();
    await page()
      .getByRole('searchbox', { name: 'Search conversations' })
      .pressSequentially('Question 4');
    await chat().waitForPosted('search/query');
    await chat().send({
      type: 'search/results',
      query: 'Question 4',
      hits: [
        {
          conversationId: 'c1',
          title: 'Test',
          messageId: 'm4',
          excerpt: 'Question 4',
        },
      ],
    });
    await page().locator('.search-hit').click();
    // The host answers no conversation/open for the conversation the chat already shows
    // (ChatSession.show), so the page shows the hit itself.
    assert.equal(await focused(), 'message m4', 'the hit is shown and focused at once');
    assert.equal(await page().locator('.history-panel').isHidden(), true);
    assert.deepEqual(await chat().postedOfType('conversation/open'), []);
    // The user goes on: types a new question...
    const box = page().getByRole('textbox', { name: 'Message' });
    await box.click();
    await box.fill('a follow-up I am typing');
    assert.equal(await focused(), 'Message');
    // ...and the host re-shows the conversation for some other reason (a rename in the list,
    // a version switch, deleting an exchange): nothing of the hit comes back.
    await chat().send({
      type: 'conversation/show',
      conversation: conversation(messages),
    });
    await chat().settle();
    assert.equal(await focused(), 'Message', 'the typing user keeps the focus in the message box');
  });

  it('rename: a list update from the host (an answer ended) does not throw away the title being typed', async () => {
    await chat().init(viewState({ conversations: summaries }));
    await page().getByRole('button', { name: 'Conversations' }).click();
    await page().getByRole('button', { name: 'Rename Sorting arrays' }).click();
    const input = page().getByRole('textbox', { name: 'New title' });
    await input.fill('Sorting arrays in TypeScript, with');
    // An answer streaming in the open chat ends: ChatSessions.changed → conversations/update.
    await chat().send({
      type: 'conversations/update',
      conversations: summaries.map((c) => (c.id === 'c2' ? { ...c, updatedAt: Date.now() } : c)),
    });
    await chat().settle();
    assert.equal(await input.count(), 1, 'the rename box is still open');
    assert.equal(await input.inputValue(), 'Sorting arrays in TypeScript, with');
    assert.equal(await focused(), 'New title', 'and still has the focus');
  });

  it('conversation list: a list update from the host does not drop the keyboard focus of a row', async () => {
    await chat().init(viewState({ conversations: summaries }));
    await page().getByRole('button', { name: 'Conversations' }).click();
    await page().getByRole('button', { name: 'Open Deploy help' }).focus();
    await chat().send({
      type: 'conversations/update',
      conversations: summaries.map((c) => (c.id === 'c1' ? { ...c, streaming: true } : c)),
    });
    await chat().settle();
    assert.equal(await focused(), 'Open Deploy help');
  });

  it('draft: text the host put in the box while the view was hidden is shown when it comes back', async () => {
    await chat().init(viewState());
    const box = page().getByRole('textbox', { name: 'Message' });
    await box.fill('a question');
    await box.press('Enter');
    await chat().waitForPosted('chat/send');
    // The answer streams; the user hides the sidebar (its webview is destroyed, saved state kept)
    // and runs Send Selection from the editor. ChatSession.keepForLater keeps the selection in the
    // host's draft, posts draft/set (lost: no page) and reveals the view, which loads anew and
    // gets the host's draft in state/init.
    await page().reload();
    await chat().init(viewState({ draft: 'the selection I sent while it answered' }));
    assert.equal(
      await box.inputValue(),
      'the selection I sent while it answered',
      'the text the user sent must not vanish behind the stale empty local draft',
    );
  });
});
