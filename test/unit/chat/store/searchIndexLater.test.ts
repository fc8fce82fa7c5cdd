import * as assert from 'node:assert/strict';
import { ConversationStore } from '../../../../src/chat/conversationStore';
import type { Conversation } from '../../../../src/chat/model';
import { SearchIndex } from '../../../../src/chat/store/searchIndex';
import { ManualTimer } from '../manualTimer';
import { conversationWith, StoreFolder } from './storeFixture';

/** `conversationWith`, its last message an answer still streaming. */
function streaming(id: string, texts: string[]): Conversation {
  const conversation = conversationWith(id, texts);
  const last = conversation.messages.at(-1);
  if (last) last.status = 'streaming';
  return conversation;
}

// Indexing reads a conversation's whole text; a save must not (searchIndexKeeper.ts).
describe('indexing saved conversations later, not in the save', () => {
  let folder: StoreFolder;
  let timer: ManualTimer;
  let store: ConversationStore;
  /** The id of every conversation indexed, in order. */
  let indexed: string[];
  const { prototype } = SearchIndex;
  const upsert = Object.getOwnPropertyDescriptor(prototype, 'upsert')?.value as (
    this: SearchIndex,
    conversation: Parameters<SearchIndex['upsert']>[0],
  ) => void;

  beforeEach(async () => {
    folder = new StoreFolder();
    timer = new ManualTimer();
    store = new ConversationStore(folder.dir, () => assert.fail('no file is damaged'), timer);
    await store.whenSearchIndexCaughtUp();
    indexed = [];
    prototype.upsert = function (this: SearchIndex, conversation) {
      indexed.push(conversation.id);
      upsert.call(this, conversation);
    };
  });
  afterEach(async () => {
    prototype.upsert = upsert;
    await store.flush();
    folder.remove();
  });

  it('indexes only the last of several saves, once they have rested', async () => {
    await store.save(conversationWith('a', ['first question']));
    await store.save(conversationWith('a', ['first question', 'an answer about closures']));
    assert.deepEqual(indexed, [], 'the saves indexed nothing');
    timer.fire();
    assert.deepEqual(indexed, ['a'], 'one indexing, after the saves');
    const [hit] = await store.search('closures');
    assert.equal(hit?.conversationId, 'a');
    assert.deepEqual(indexed, ['a'], 'the search found it indexed');
  });

  it('indexes nothing while an answer streams, in that conversation or another', async () => {
    await store.save(conversationWith('done', ['a question', 'a whole answer']));
    await store.save(streaming('live', ['a question', 'half an ans']));
    timer.fire();
    assert.deepEqual(indexed, [], 'not while an answer streams (tabs side by side)');
    await store.save(conversationWith('live', ['a question', 'half an answer, whole now']));
    timer.fire();
    assert.deepEqual(indexed.sort(), ['done', 'live'], 'both, once the answer has ended');
  });

  it('indexes whatever waits before a search, so the search sees every save', async () => {
    await store.save(conversationWith('done', ['debounce the input']));
    await store.save(streaming('live', ['debounce the scroll', 'streaming']));
    const found = (await store.search('debounce')).map((hit) => hit.conversationId).sort();
    assert.deepEqual(found, ['done', 'live']);
    assert.deepEqual(indexed.sort(), ['done', 'live']);
  });

  it('never indexes a conversation deleted before its turn came', async () => {
    await store.save(conversationWith('gone', ['a secret plan']));
    await store.delete('gone');
    timer.fire();
    assert.deepEqual(indexed, []);
    assert.deepEqual(await store.search('secret'), []);
  });
});
