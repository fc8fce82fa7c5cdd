import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import type { ConversationStore } from '../../../../src/chat/conversationStore';
import { conversationWith, StoreFolder } from './storeFixture';

const MINUTE_MS = 60_000;

async function idsFound(
  store: ConversationStore,
  query: string,
  limit?: number,
): Promise<string[]> {
  return (await store.search(query, limit)).map((hit) => hit.conversationId).sort();
}

describe('searching long numbers (indexed by their first digits)', () => {
  let folder: StoreFolder;
  let store: ConversationStore;

  beforeEach(async () => {
    folder = new StoreFolder();
    store = folder.open();
    const now = Date.now();
    await store.save(conversationWith('a', ['ticket 12345678 is open'], { updatedAt: now }));
    await store.save(
      conversationWith('b', ['ticket 12349999 is closed'], { updatedAt: now - MINUTE_MS }),
    );
    await store.save(conversationWith('c', ['port 1234 only'], { updatedAt: now - 2 * MINUTE_MS }));
  });
  afterEach(async () => {
    await store.flush();
    folder.remove();
  });

  it('finds only the conversations holding the number itself, whole or as typed so far', async () => {
    assert.deepEqual(await idsFound(store, '12345678'), ['a']);
    assert.deepEqual(await idsFound(store, '1234567'), ['a'], 'the start of a number');
    assert.deepEqual(await idsFound(store, '12349'), ['b']);
    assert.deepEqual(await idsFound(store, '1234'), ['a', 'b', 'c']);
    assert.deepEqual(await idsFound(store, '12345678 closed'), [], 'every word must be there');
    assert.deepEqual(await idsFound(store, 'ticket 12349999'), ['b']);
  });

  it('keeps only the first digits of a long number in the index file', async () => {
    await store.flush();
    const index = fs.readFileSync(folder.file('search.index'), 'utf8');
    assert.ok(!index.includes('12345678'), 'the whole number is not a word of the index');
    // The digits of the numbers as one word of the index, not one each.
    assert.equal(index.split('"1234"').length - 1, 1, index);
  });

  it('reads on past conversations that only start like the number to fill the page', async () => {
    // The two newest rank first in the index (same first digits) but do not hold 12345678.
    const now = Date.now();
    await store.save(conversationWith('x', ['ticket 12340000'], { updatedAt: now + MINUTE_MS }));
    await store.save(conversationWith('y', ['ticket 12341111'], { updatedAt: now + MINUTE_MS }));
    assert.deepEqual(await idsFound(store, '12345678', 1), ['a']);
  });
});
