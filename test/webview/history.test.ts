import * as assert from 'node:assert/strict';
import type { ConversationView } from '../../src/shared/protocol';
import { eventually } from '../harness/eventually';
import { useChatPage } from './harness/hooks';
import { conversation, message, viewState } from './harness/state';

function history(count: number): ConversationView {
  const messages = Array.from({ length: count }, (_, i) =>
    i % 2
      ? message(`m${i}`, 'assistant', `Answer **${i}**\n\n- a point\n- another point`)
      : message(`m${i}`, 'user', `Question ${i}`),
  );
  return { ...conversation(messages), title: 'Long' };
}

// Plain JavaScript run in the page: the test tsconfig has no DOM library.
const RENDERED_IDS = `Array.from(document.querySelectorAll('.message'), (m) => m.dataset.messageId)`;
const TOP_VISIBLE = `(() => {
  const top = document.querySelector('.transcript').getBoundingClientRect().top;
  const m = Array.from(document.querySelectorAll('.message')).find((e) => e.getBoundingClientRect().top >= top);
  return { id: m.dataset.messageId, y: m.getBoundingClientRect().top };
})()`;

describe('long histories, rendered lazily', () => {
  const chat = useChatPage();
  const rendered = (): Promise<number> => chat().page.locator('.message').count();
  const topVisible = (): Promise<{ id: string; y: number }> =>
    chat().page.evaluate<{ id: string; y: number }>(TOP_VISIBLE);
  const yOf = (id: string): Promise<number> =>
    chat().page.evaluate<number>(
      `document.querySelector('.message[data-message-id="${id}"]').getBoundingClientRect().top`,
    );

  it('opens with the newest messages and keeps all 2,000 reachable, in order, by scrolling up', async () => {
    // The browser's idle time and scroll events, stepped: each idle slice has room for about fifty
    // messages and comes as soon as the page asks, and the scroll event that a frame would
    // deliver is dispatched at once. With real frames and idle time the loop moved one slice per
    // frame at best, so its length followed the machine's load (past mocha's 60 s on a loaded
    // one), though what is checked here is only which messages are rendered and in what order.
    await chat().page.evaluate(`window.requestIdleCallback = (callback) =>
      setTimeout(() => {
        let asked = 0;
        callback({ didTimeout: false, timeRemaining: () => (asked++ < 50 ? 10 : 0) });
      }, 0)`);
    await chat().init(viewState({ conversation: history(2000) }));
    assert.equal(await rendered(), 50, 'only the newest page is rendered on opening');
    // Keep scrolling to the top, as a reader would, until the first message is there.
    const steps = await chat().page.evaluate<number>(`(async () => {
      const t = document.querySelector('.transcript');
      let steps = 0;
      while (!document.querySelector('.message[data-message-id="m0"]') && steps < 3000) {
        t.scrollTop = 0;
        t.dispatchEvent(new Event('scroll'));
        await new Promise((resolve) => setTimeout(resolve, 0));
        steps++;
      }
      return steps;
    })()`);
    // Frame rate and dropped frames while scrolling this history are `npm run bench:history`'s.
    assert.ok(steps < 3000, 'every message was reached by scrolling up');
    const ids = await chat().page.evaluate<string[]>(RENDERED_IDS);
    assert.deepEqual(
      ids,
      Array.from({ length: 2000 }, (_, i) => `m${i}`),
    );
    // By class, not by role: a role query computes the accessible name of all 2,000 messages
    // (about 12 s on a loaded machine).
    const showEarlier = chat().page.locator('button.load-earlier', {
      hasText: 'Show earlier messages',
    });
    assert.equal(await showEarlier.count(), 1);
    assert.equal(await showEarlier.isVisible(), false);
  });

  it('keeps what the reader sees still while older messages are rendered above it', async () => {
    await chat().init(viewState({ conversation: history(180) }));
    const { height, client } = await chat().call('scrollInfo');
    await chat().call('scrollTo', Math.round(height / 2));
    await chat().settle();
    const before = await topVisible();
    await chat().page.getByRole('button', { name: 'Show earlier messages' }).dispatchEvent('click');
    await chat().settle();
    assert.equal(await rendered(), 100);
    assert.ok(Math.abs((await yOf(before.id)) - before.y) <= 1, 'the button keeps the view still');

    // Near the top, older messages are rendered ahead of the reader, frame by frame.
    await chat().call('scrollTo', Math.round(client / 2));
    await chat().settle();
    const near = await topVisible();
    await eventually(async () => (await rendered()) > 100, 'older messages');
    await chat().settle();
    assert.ok(Math.abs((await yOf(near.id)) - near.y) <= 1, 'rendering ahead keeps the view still');
  });

  it('opens a search hit in a part of the history not rendered yet: shown and focused', async () => {
    const long = history(300);
    // Another conversation is open: the host opens the hit's (one already open reveals at once).
    await chat().init(viewState({ conversation: conversation([], 'c0') }));
    await chat().page.getByRole('button', { name: 'Conversations' }).click();
    await chat()
      .page.getByRole('searchbox', { name: 'Search conversations' })
      .pressSequentially('Question 10');
    await chat().waitForPosted('search/query');
    await chat().send({
      type: 'search/results',
      query: 'Question 10',
      hits: [{ conversationId: 'c1', title: 'Long', messageId: 'm10', excerpt: 'Question 10' }],
    });
    await chat().page.locator('.search-hit').click();
    await chat().waitForPosted('conversation/open');
    assert.equal(await chat().page.locator('[data-message-id="m10"]').count(), 0);

    await chat().send({ type: 'conversation/show', conversation: long });
    await chat().settle();
    const hit = chat().page.locator('.message[data-message-id="m10"]');
    assert.equal(await hit.isVisible(), true);
    assert.equal(
      await chat().page.evaluate<string | undefined>(
        `document.activeElement && document.activeElement.dataset.messageId`,
      ),
      'm10',
      'focus moves to the message, for screen readers',
    );
    const { top, client } = await chat().call('scrollInfo');
    const y = await yOf('m10');
    const transcriptTop = await chat().page.evaluate<number>(
      `document.querySelector('.transcript').getBoundingClientRect().top`,
    );
    assert.ok(y >= transcriptTop && y < transcriptTop + client, `in view (y ${y}, top ${top})`);
  });
});
