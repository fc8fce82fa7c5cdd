import * as assert from 'node:assert/strict';
import type { ConversationStore } from '../../../../src/chat/conversationStore';
import type { StoredMessage } from '../../../../src/chat/model';
import { ConversationCache } from '../../../../src/chat/store/conversationCache';
import { conversationWith, StoreFolder } from './storeFixture';

async function snippetFor(store: ConversationStore, query: string): Promise<string | undefined> {
  const [hit] = await store.search(query);
  return hit?.excerpt;
}

describe('conversation cache for search', () => {
  it('drops the least recently used conversation once past its size', () => {
    const cache = new ConversationCache(100);
    for (const id of ['a', 'b', 'c']) {
      cache.put(id, conversationWith(id, [id]), 40, cache.ticket(id));
      if (id === 'b') assert.ok(cache.get('a'), 'a is used again before c arrives');
    }
    assert.ok(cache.get('a'), 'a was used after b');
    assert.equal(cache.get('b'), undefined, 'b was the least recently used');
    assert.ok(cache.get('c'));
    assert.equal(cache.heldChars, 80);
  });

  it('ignores a read that an invalidation overtook (it may hold the text before a write)', () => {
    const cache = new ConversationCache(100);
    const ticket = cache.ticket('a');
    cache.invalidate('a');
    cache.put('a', conversationWith('a', ['old text']), 10, ticket);
    assert.equal(cache.get('a'), undefined);
    cache.put('a', conversationWith('a', ['new text']), 10, cache.ticket('a'));
    assert.ok(cache.get('a'));
  });

  describe('in the store', () => {
    let folder: StoreFolder;
    let store: ConversationStore;

    beforeEach(() => {
      folder = new StoreFolder();
      store = folder.open();
    });
    afterEach(async () => {
      await store.flush();
      folder.remove();
    });

    it('shows the text saved since the last search, not the text it read then', async () => {
      await store.save(conversationWith('a', ['ask about the weather', 'sunny today']));
      assert.match((await snippetFor(store, 'weather')) ?? '', /ask about the weather/);
      await store.save(conversationWith('a', ['ask about the weather tomorrow', 'rain']));
      assert.match((await snippetFor(store, 'weather')) ?? '', /weather tomorrow/);
    });

    it('shows an answer streaming into the journal as it grows', async () => {
      const conversation = conversationWith('s', ['hello']);
      const answer: StoredMessage = {
        id: 'answer',
        role: 'assistant',
        text: 'glacier melting',
        status: 'streaming',
        createdAt: 1,
      };
      conversation.messages.push(answer);
      await store.save(conversation);
      assert.match((await snippetFor(store, 'glacier')) ?? '', /glacier melting$/);
      answer.text += ' fast in spring';
      await store.save(conversation); // appended to the journal: the file itself is unchanged
      assert.match((await snippetFor(store, 'glacier')) ?? '', /glacier melting fast in spring/);
    });

    it('finds nothing of a conversation deleted, and only the new text of one saved again', async () => {
      await store.save(conversationWith('a', ['orchid care']));
      assert.ok(await snippetFor(store, 'orchid'));
      await store.delete('a');
      assert.equal(await snippetFor(store, 'orchid'), undefined);
      await store.save(conversationWith('a', ['orchid repotting']));
      assert.match((await snippetFor(store, 'orchid')) ?? '', /orchid repotting/);
    });
  });
});
