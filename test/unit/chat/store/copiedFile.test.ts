// A conversation file copied under another name in the folder: a sync tool's conflict copy
// (OneDrive adds "-<computer name>"), or a backup the user made beside it. The copy still holds
// the original's id.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { conversationWith, StoreFolder } from './storeFixture';

describe('a conversation file copied under another name', () => {
  let folder: StoreFolder;
  beforeEach(() => (folder = new StoreFolder()));
  afterEach(() => folder.remove());

  it('is listed once, as its own conversation, however many saves follow', async () => {
    await folder.open().save(conversationWith('abc', ['hello', 'hi'], { title: 'Original' }));
    fs.copyFileSync(folder.file('abc.json'), folder.file('abc-LAPTOP.json'));
    const store = folder.open();
    await store.list();
    await store.save(conversationWith('y', ['other', 'ok']));
    await store.save(conversationWith('z', ['more', 'ok']));
    const ids = async () => (await store.list()).map((s) => s.id).sort();
    assert.deepEqual(await ids(), ['abc', 'abc-LAPTOP', 'y', 'z']);
    assert.deepEqual((await folder.open().list()).map((s) => s.id).sort(), await ids());
    // Its row opens (and later saves) the copy.
    assert.equal((await store.load('abc-LAPTOP'))?.id, 'abc-LAPTOP');
    await store.flush();
  });
});
