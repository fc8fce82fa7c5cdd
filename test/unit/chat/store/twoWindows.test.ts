// Two VS Code windows share the conversations folder: each has its own ConversationStore.
import * as assert from 'node:assert/strict';
import { ManualTimer } from '../manualTimer';
import { conversationWith, StoreFolder } from './storeFixture';

describe('two windows sharing the store folder', () => {
  let folder: StoreFolder;
  beforeEach(() => (folder = new StoreFolder()));
  afterEach(() => folder.remove());

  it('a conversation saved in one window is still listed after the other window saves', async () => {
    const windowA = folder.open();
    const windowB = folder.open();
    await windowA.save(conversationWith('old', ['hello', 'hi']));
    // Both windows show their history list (each reads index.json once).
    await windowA.list();
    await windowB.list();
    await windowA.save(conversationWith('fromA', ['made in window A', 'ok']));
    await windowB.save(conversationWith('fromB', ['made in window B', 'ok']));
    await windowA.flush();
    await windowB.flush();
    const inB = (await windowB.list()).map((s) => s.id).sort();
    assert.deepEqual(inB, ['fromA', 'fromB', 'old'], 'window B lists what window A made');

    const restarted = folder.open();
    const ids = (await restarted.list()).map((s) => s.id).sort();
    assert.deepEqual(ids, ['fromA', 'fromB', 'old']);
  });

  it('a conversation deleted in one window does not come back when the other window saves', async () => {
    const windowA = folder.open();
    const windowB = folder.open();
    await windowA.save(conversationWith('doomed', ['secret stuff', 'ok']));
    await windowA.list();
    await windowB.list();
    await windowA.delete('doomed');
    await windowB.save(conversationWith('other', ['something else', 'ok']));
    await windowA.flush();
    await windowB.flush();
    const inB = (await windowB.list()).map((s) => s.id).sort();
    assert.deepEqual(inB, ['other'], 'window B no longer lists what window A deleted');

    const restarted = folder.open();
    const ids = (await restarted.list()).map((s) => s.id).sort();
    assert.deepEqual(ids, ['other']);
  });

  it('a rename in one window stays when the other window saves', async () => {
    const windowA = folder.open();
    const windowB = folder.open();
    await windowA.save(conversationWith('named', ['hello', 'hi'], { title: 'Old title' }));
    await windowA.list();
    await windowB.list();
    const renamed = (await windowA.load('named'))!;
    renamed.title = 'New title';
    await windowA.save(renamed);
    await windowB.save(conversationWith('other', ['something else', 'ok']));
    await windowA.flush();
    await windowB.flush();
    const titles = (list: { id: string; title: string }[]) =>
      list.map((s) => `${s.id}: ${s.title}`).sort();
    assert.deepEqual(titles(await windowB.list()), ['named: New title', 'other: About other']);
    assert.deepEqual(titles(await folder.open().list()), [
      'named: New title',
      'other: About other',
    ]);
  });

  it("a window's history list shows what the other window made or deleted since it was read", async () => {
    const windowA = folder.open();
    const windowB = folder.open();
    await windowA.save(conversationWith('doomed', ['hello', 'hi']));
    await windowB.list(); // B's history panel, read once
    await windowA.save(conversationWith('fromA', ['made in window A', 'ok']));
    await windowA.delete('doomed');
    assert.deepEqual(
      (await windowB.list()).map((s) => s.id),
      ['fromA'],
    );
    await windowA.flush();
    await windowB.flush();
  });

  it("a window's search finds what the other window saved, renamed or deleted since", async () => {
    const windowA = folder.open();
    const windowB = folder.open();
    await windowA.save(conversationWith('renamed', ['hello', 'hi'], { title: 'Walrus' }));
    await windowA.save(conversationWith('doomed', ['penguin facts', 'ok']));
    await windowB.list(); // B's history panel; its search index catches up
    await windowB.whenSearchIndexCaughtUp();
    await windowA.save(conversationWith('fromA', ['zebra crossing', 'ok']));
    const renamed = (await windowA.load('renamed'))!;
    renamed.title = 'Narwhal';
    await windowA.save(renamed);
    await windowA.delete('doomed');
    const found = async (query: string) =>
      (await windowB.search(query)).map((hit) => hit.conversationId);
    assert.deepEqual(await found('zebra'), ['fromA']);
    assert.deepEqual(await found('narwhal'), ['renamed']);
    assert.deepEqual(await found('penguin'), []);
    await windowA.flush();
    await windowB.flush();
  });

  it("search looks for the other window's writes at most once a second, not at every search", async () => {
    const timer = new ManualTimer();
    const windowA = folder.open();
    const windowB = folder.open(timer);
    await windowA.save(conversationWith('first', ['zebra crossing', 'ok']));
    await windowB.list(); // B's history panel; its search index catches up
    await windowB.whenSearchIndexCaughtUp();
    const found = async () =>
      (await windowB.search('zebra')).map((hit) => hit.conversationId).sort();
    assert.deepEqual(await found(), ['first']);
    await windowA.save(conversationWith('second', ['zebra stripes', 'ok']));
    assert.deepEqual(
      await found(),
      ['first'],
      'the next search answers from the list as it looked',
    );
    timer.fire(); // LIST_LOOK_MS later
    assert.deepEqual(await found(), ['first', 'second']);
    await windowA.flush();
    await windowB.flush();
  });
});
