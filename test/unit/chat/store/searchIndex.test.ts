import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import type { ConversationStore } from '../../../../src/chat/conversationStore';
import { conversationWith, StoreFolder } from './storeFixture';

const DAY_MS = 24 * 60 * 60 * 1000;

async function idsFound(store: ConversationStore, query: string): Promise<string[]> {
  return (await store.search(query)).map((hit) => hit.conversationId);
}

/** The conversations the index file says it holds (its header line). */
function indexedIds(folder: StoreFolder): string[] {
  const header = fs.readFileSync(folder.file('search.index'), 'utf8').split('\n', 1)[0] ?? '';
  return Object.keys((JSON.parse(header) as { conversations: object }).conversations).sort();
}

/** How many documents the index itself (MiniSearch's JSON, the second line) holds. */
function indexedDocuments(folder: StoreFolder): number {
  const body = fs.readFileSync(folder.file('search.index'), 'utf8').split('\n')[1] ?? '';
  return (JSON.parse(body) as { documentCount: number }).documentCount;
}

describe('conversation search index', () => {
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

  it('matches words in any order, the last one as a prefix of a word', async () => {
    await store.save(conversationWith('a', ['How do closures work in JavaScript?']));
    await store.save(conversationWith('b', ['Unrelated question']));
    assert.deepEqual(await idsFound(store, 'work closures'), ['a']);
    assert.deepEqual(await idsFound(store, 'javascript clos'), ['a']);
    assert.deepEqual(
      await idsFound(store, 'clos javascript'),
      [],
      'only the last word is a prefix',
    );
    assert.deepEqual(await idsFound(store, 'closures python'), [], 'every word must be there');
  });

  it('ranks recent conversations first when they match alike', async () => {
    const now = Date.now();
    await store.save(
      conversationWith('old', ['debounce the input'], { updatedAt: now - 60 * DAY_MS }),
    );
    await store.save(conversationWith('new', ['debounce the input'], { updatedAt: now }));
    await store.save(
      conversationWith('mid', ['debounce the input'], { updatedAt: now - 5 * DAY_MS }),
    );
    assert.deepEqual(await idsFound(store, 'debounce'), ['new', 'mid', 'old']);
  });

  it('ranks a whole word above a word it only starts, and the phrase above its words apart', async () => {
    const at = Date.now();
    await store.save(conversationWith('prefix', ['debounced handlers'], { updatedAt: at }));
    await store.save(conversationWith('exact', ['debounce handlers'], { updatedAt: at }));
    assert.deepEqual(await idsFound(store, 'debounce'), ['exact', 'prefix']);

    // The shorter message scores higher on its words alone: only the phrase puts the other first.
    await store.save(conversationWith('apart', ['cache, then http'], { updatedAt: at }));
    await store.save(conversationWith('phrase', ['read the http cache first'], { updatedAt: at }));
    assert.deepEqual(await idsFound(store, 'http cache'), ['phrase', 'apart']);
  });

  it('finds Vietnamese with or without diacritics, đ as d, and shows the text as written', async () => {
    await store.save(conversationWith('vi', ['Tôi đang học tiếng Việt ở Đà Nẵng']));
    for (const query of ['tieng viet', 'tiếng việt', 'TIENG', 'da nang', 'đà nẵng', 'dang hoc']) {
      const [hit] = await store.search(query);
      assert.equal(hit?.conversationId, 'vi', `no hit for ${query}`);
    }
    const [hit] = await store.search('tieng viet');
    assert.match(hit?.excerpt ?? '', /tiếng Việt/);
    assert.deepEqual(await idsFound(store, 'tieng anh'), []);
  });

  it('follows saves, renames and deletes as they happen', async () => {
    const c = conversationWith('a', ['first draft about closures'], { title: 'Explained' });
    await store.save(c);
    assert.deepEqual(await idsFound(store, 'closures'), ['a']);

    c.messages[0]!.text = 'now about generators';
    await store.save(c);
    assert.deepEqual(await idsFound(store, 'closures'), [], 'the old text is gone from the index');
    assert.deepEqual(await idsFound(store, 'generators'), ['a']);

    c.title = 'Iterator protocol';
    await store.save(c);
    assert.deepEqual(await idsFound(store, 'iterator protocol'), ['a']);
    assert.deepEqual(await idsFound(store, 'explained'), [], 'the old title is gone');

    await store.delete('a');
    assert.deepEqual(await idsFound(store, 'generators'), []);
    await store.flush();
    assert.deepEqual(indexedIds(folder), [], 'the deleted conversation left the index');
    assert.equal(indexedDocuments(folder), 0);
  });

  it('answers the same words typed again alike, and anew once a conversation is saved', async () => {
    const now = Date.now();
    const older = conversationWith('older', ['debounce the input'], {
      updatedAt: now - 3 * DAY_MS,
    });
    await store.save(older);
    await store.save(
      conversationWith('newer', ['debounce the input'], { updatedAt: now - 2 * DAY_MS }),
    );
    assert.deepEqual(await idsFound(store, 'debounce'), ['newer', 'older']);
    assert.deepEqual(await idsFound(store, 'debounce, '), ['newer', 'older'], 'a comma typed');

    // Only its recency changes: the index's own words stay as they were.
    older.updatedAt = now - DAY_MS;
    await store.save(older);
    assert.deepEqual(await idsFound(store, 'debounce '), ['older', 'newer']);

    await store.save(conversationWith('added', ['debounce the input'], { updatedAt: now }));
    assert.deepEqual(await idsFound(store, 'debounce'), ['added', 'older', 'newer']);
  });

  it('is written to the store folder and used as it is by the next store', async () => {
    await store.save(conversationWith('a', ['persisted words']));
    await store.flush();
    assert.ok(fs.existsSync(folder.file('search.index')));
    const next = folder.open();
    const first = await next.searchWithProgress('persisted');
    assert.deepEqual(
      first.hits.map((hit) => hit.conversationId),
      ['a'],
    );
    await next.whenSearchIndexCaughtUp();
    assert.deepEqual(folder.corrupt, []);
  });

  for (const damage of ['deleted', 'corrupt'] as const) {
    it(`rebuilds a ${damage} index in the background, saying it is catching up meanwhile`, async () => {
      for (let i = 0; i < 20; i++) {
        await store.save(conversationWith(`c${i}`, [`question ${i} about sorting`, 'an answer']));
      }
      await store.flush();
      if (damage === 'deleted') fs.rmSync(folder.file('search.index'));
      else fs.writeFileSync(folder.file('search.index'), '{"version":1,"conversations":{}}\n{oops');

      const next = folder.open();
      const during = await next.searchWithProgress('sorting');
      assert.equal(during.catchingUp, true, 'the first search answers before the rebuild ends');
      await next.whenSearchIndexCaughtUp();
      const after = await next.searchWithProgress('sorting');
      assert.equal(after.catchingUp, false);
      assert.equal(after.hits.length, 20);
      assert.deepEqual(folder.corrupt, damage === 'corrupt' ? ['search.index'] : []);
      assert.ok(fs.existsSync(folder.file('search.index')), 'the rebuilt index is written');
      await next.flush();
    });
  }

  it('catches up with conversations saved after the index was last written', async () => {
    const at = Date.now();
    await store.save(conversationWith('a', ['alpha words'], { updatedAt: at }));
    await store.save(conversationWith('b', ['beta words'], { updatedAt: at }));
    await store.save(conversationWith('r', ['rho words'], { updatedAt: at }));
    await store.flush();
    // Saved, but the index is not written again before the "crash": only the files have it.
    await store.save(conversationWith('a', ['omega words'], { updatedAt: at + 1 }));
    await store.save(conversationWith('r', ['rho words'], { updatedAt: at, title: 'Renamed' }));
    await store.delete('b');
    await store.save(conversationWith('c', ['gamma words']));

    const next = folder.open();
    await next.whenSearchIndexCaughtUp();
    assert.deepEqual((await idsFound(next, 'words')).sort(), ['a', 'c', 'r']);
    assert.deepEqual(await idsFound(next, 'alpha'), []);
    assert.deepEqual(await idsFound(next, 'omega'), ['a']);
    assert.deepEqual(await idsFound(next, 'renamed'), ['r']);
    await next.flush();
    assert.deepEqual(indexedIds(folder), ['a', 'c', 'r']);
  });
});
