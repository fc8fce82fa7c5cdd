import * as assert from 'node:assert/strict';
import type { SearchHit } from '../../src/shared/protocol';
import { eventually } from '../harness/eventually';
import { useChatPage } from './harness/hooks';
import { viewState } from './harness/state';

function hits(from: number, count: number): SearchHit[] {
  return Array.from({ length: count }, (_, i) => ({
    conversationId: `c${from + i}`,
    title: `Conversation ${from + i}`,
    messageId: 'm1',
    excerpt: 'the retry policy',
  }));
}

// Plain JavaScript run in the page: the test tsconfig has no DOM library.
const HIT_TITLES = `Array.from(document.querySelectorAll('.search-hit .conversation-title'), (t) => t.textContent)`;
const SCROLL_TO_END = `(() => {
  const panel = document.querySelector('.history-panel');
  panel.scrollTop = panel.scrollHeight;
})()`;

describe('search hits, a page at a time from the host', () => {
  const chat = useChatPage();
  const titles = (): Promise<string[]> => chat().page.evaluate<string[]>(HIT_TITLES);
  const more = () => chat().page.getByRole('button', { name: 'Show more conversations' });

  async function search(query: string): Promise<void> {
    await chat().init(viewState({}));
    await chat().page.getByRole('button', { name: 'Conversations' }).click();
    await chat().page.getByRole('searchbox', { name: 'Search conversations' }).fill(query);
    await chat().waitForPosted('search/query');
  }

  it('asks for the next page once the reader scrolls to the end, and adds it below', async () => {
    await search('retry');
    await chat().send({ type: 'search/results', query: 'retry', hits: hits(0, 20), more: true });
    await chat().settle();
    assert.equal((await titles()).length, 20);
    await chat().page.evaluate(SCROLL_TO_END);
    const [asked] = await chat().waitForPosted('search/more');
    assert.deepEqual(asked, { type: 'search/more', query: 'retry', from: 20 });

    await chat().send({ type: 'search/results', query: 'retry', hits: hits(20, 5), from: 20 });
    await eventually(async () => (await titles()).length === 25, 'the next page');
    assert.deepEqual(
      await titles(),
      hits(0, 25).map((hit) => hit.title),
    );
    assert.equal(await more().isVisible(), false, 'the host said there are no more');
    await chat().page.evaluate(SCROLL_TO_END);
    await chat().settle();
    assert.equal((await chat().postedOfType('search/more')).length, 1, 'asked once');
  });

  it('lets the keyboard ask for the next page, moving focus to its first hit', async () => {
    await search('retry');
    await chat().send({ type: 'search/results', query: 'retry', hits: hits(0, 3), more: true });
    await more().focus();
    await more().press('Enter');
    const [asked] = await chat().waitForPosted('search/more');
    assert.equal(asked?.from, 3);
    await chat().send({ type: 'search/results', query: 'retry', hits: hits(3, 2), from: 3 });
    await eventually(
      async () =>
        (await chat().page.evaluate<string>(`document.activeElement.textContent`)).startsWith(
          'Conversation 3',
        ),
      'focus on the first new hit',
    );
  });
});
