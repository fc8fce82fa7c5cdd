import * as assert from 'node:assert/strict';
import { useChatPage } from './harness/hooks';
import { viewState } from './harness/state';

describe('search while the host rebuilds its index', () => {
  const chat = useChatPage();
  const line = () => chat().page.getByRole('status').filter({ hasText: 'Still indexing' });

  it('says the results may be incomplete while the index catches up, and no longer after', async () => {
    await chat().init(viewState({}));
    await chat().page.getByRole('button', { name: 'Conversations' }).click();
    await chat().page.getByRole('searchbox', { name: 'Search conversations' }).fill('closures');
    await chat().waitForPosted('search/query');
    const hit = { conversationId: 'c1', title: 'JS', messageId: 'm1', excerpt: 'closures' };
    await chat().send({ type: 'search/results', query: 'closures', hits: [hit], catchingUp: true });
    await chat().settle();
    assert.equal(await line().isVisible(), true);
    assert.equal(await line().textContent(), 'Still indexing conversations: some may be missing');

    await chat().send({ type: 'search/results', query: 'closures', hits: [hit] });
    await chat().settle();
    assert.equal(await line().isVisible(), false);
  });
});
