import * as assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import type { SearchHit } from '../../../../src/shared/protocol';
import type { ConversationStore } from '../../../../src/chat/conversationStore';
import { SEARCH_PAGE_SIZE } from '../../../../src/chat/store/conversationSearch';
import { conversationWith, StoreFolder } from './storeFixture';

const MINUTE_MS = 60_000;
const CONVERSATIONS = SEARCH_PAGE_SIZE + 7;

const ALL_IDS = Array.from({ length: CONVERSATIONS }, (_, i) => `c${i}`).sort();

function idsOf(hits: readonly SearchHit[]): string[] {
  return hits.map((hit) => hit.conversationId).sort();
}

type ReadFile = (file: unknown, options?: unknown) => Promise<unknown>;

/**
 * Counts the conversation files (`<id>.json`) read while `work` runs, at the file-system calls
 * the store makes. The module object itself is patched (the bundle reads its functions through
 * getters on it), not an import's namespace.
 */
async function conversationFilesRead(work: () => Promise<void>): Promise<string[]> {
  const module = createRequire(__filename)('node:fs/promises') as { readFile: ReadFile };
  const original = module.readFile;
  const read: string[] = [];
  module.readFile = (file, options) => {
    const name = String(file).split(/[\\/]/).pop() ?? '';
    if (/^c\d+\.json$/.test(name)) read.push(name);
    return original(file, options);
  };
  try {
    await work();
  } finally {
    module.readFile = original;
  }
  return read;
}

describe('search a page at a time', () => {
  let folder: StoreFolder;
  let store: ConversationStore;

  // Conversation i holds the query in i % 3 + 1 of its four messages.
  beforeEach(async () => {
    folder = new StoreFolder();
    const writer = folder.open();
    const now = Date.now();
    for (let i = 0; i < CONVERSATIONS; i++) {
      const texts = Array.from({ length: 4 }, (_, m) =>
        m <= i % 3 ? `the retry policy, note ${m}` : 'nothing to see',
      );
      await writer.save(conversationWith(`c${i}`, texts, { updatedAt: now - i * MINUTE_MS }));
    }
    await writer.flush();
    store = folder.open(); // as after a restart: nothing read yet
    await store.whenSearchIndexCaughtUp();
  });
  afterEach(async () => {
    await store.flush();
    folder.remove();
  });

  it('answers with the first page, then the next on request, each hit once with its count', async () => {
    const first = await store.searchWithProgress('retry policy');
    assert.equal(first.hits.length, SEARCH_PAGE_SIZE);
    assert.equal(first.more, true, 'the index matched more');
    const next = await store.searchWithProgress('retry policy', first.hits.length);
    assert.equal(next.more, false);
    const hits = [...first.hits, ...next.hits];
    assert.deepEqual(idsOf(hits), ALL_IDS, 'every conversation once');
    for (const hit of hits) {
      assert.equal(hit.matches, (Number(hit.conversationId.slice(1)) % 3) + 1, hit.conversationId);
    }
  });

  it('refuses a page past the most a list may hold, reading nothing (the page is untrusted)', async () => {
    let far: Awaited<ReturnType<ConversationStore['searchWithProgress']>> | undefined;
    const read = await conversationFilesRead(async () => {
      far = await store.searchWithProgress('retry policy', 1e12);
    });
    assert.deepEqual(far?.hits, []);
    assert.equal(far?.more, false);
    assert.deepEqual(read, [], 'no conversation file read for it');
  });

  it('reads only the conversations of the page asked for', async () => {
    const firstRead = await conversationFilesRead(async () => {
      await store.search('retry policy');
    });
    assert.equal(firstRead.length, SEARCH_PAGE_SIZE, firstRead.join(' '));
    const nextRead = await conversationFilesRead(async () => {
      await store.searchWithProgress('retry policy', SEARCH_PAGE_SIZE);
    });
    assert.equal(nextRead.length, CONVERSATIONS - SEARCH_PAGE_SIZE, nextRead.join(' '));
    assert.equal(new Set([...firstRead, ...nextRead]).size, CONVERSATIONS, 'none read twice');
  });

  it('gives the next page from a run started anew when the first was pushed out', async () => {
    const first = await store.searchWithProgress('retry policy');
    for (let i = 0; i < 10; i++) await store.search(`note ${i}`);
    const next = await store.searchWithProgress('retry policy', first.hits.length);
    assert.deepEqual(idsOf([...first.hits, ...next.hits]), ALL_IDS);
  });
});
