import * as assert from 'node:assert/strict';
import type { ConversationStore } from '../../../../src/chat/conversationStore';
import { searchConversation } from '../../../../src/chat/search';
import { conversationWith, StoreFolder } from './storeFixture';

// A message's folds (its plain text among them) are kept with the message while search's cache
// holds its conversation; what was folded must never outlive the text it was folded from.
describe("a message's folded text, kept between searches", () => {
  it('is folded again when the message is edited in place, plain text included', () => {
    const conversation = conversationWith('f', ['call foo`bar` here', 'say **retry** policy now']);
    const [code, emphasis] = conversation.messages;
    assert.ok(code && emphasis);
    // Found only in the plain text: the backticks split the word in the raw text.
    assert.equal(searchConversation(conversation, 'foobar')[0]?.messageId, code.id);
    assert.equal(
      searchConversation(conversation, 'retry policy')[0]?.excerpt,
      'say retry policy now',
    );

    // Still every letter of `foobar` once marks are dropped, but no longer in the plain text.
    code.text = 'call foo_bar here';
    emphasis.text = 'say **retry** policy later';
    assert.deepEqual(searchConversation(conversation, 'foobar'), []);
    assert.equal(
      searchConversation(conversation, 'retry policy')[0]?.excerpt,
      'say retry policy later',
    );
  });

  it('follows messages added and removed in place', () => {
    const conversation = conversationWith('g', ['first about glaciers', 'second about rivers']);
    assert.equal(searchConversation(conversation, 'glaciers')[0]?.matches, 1);
    conversation.messages.push({
      ...conversation.messages[0]!,
      id: 'g-m2',
      text: 'glaciers again',
    });
    assert.equal(searchConversation(conversation, 'glaciers')[0]?.matches, 2);
    conversation.messages.splice(0, 1);
    const [hit] = searchConversation(conversation, 'glaciers');
    assert.deepEqual([hit?.messageId, hit?.matches], ['g-m2', 1]);
    conversation.messages.length = 1;
    assert.deepEqual(searchConversation(conversation, 'glaciers'), []);
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

    it('shows the plain text saved since the last search', async () => {
      await store.save(conversationWith('a', ['the **retry** policy, first draft']));
      assert.equal(
        (await store.search('retry policy'))[0]?.excerpt,
        'the retry policy, first draft',
      );
      await store.save(conversationWith('a', ['the **retry** policy, final']));
      assert.equal((await store.search('retry policy'))[0]?.excerpt, 'the retry policy, final');
    });
  });
});
