import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ConversationStore } from '../../../src/chat/conversationStore';
import { newConversation, type StoredTarget } from '../../../src/chat/model';
import { findLinked } from '../../../src/chat/serverConversations';
import { linkedRemoteIds } from '../../../src/chat/twinExpertImport';

// Which server conversations are linked locally is asked each time the "On TwinExpert" section
// lists its first page: from the store's index, not by reading every conversation file.

const TWIN: StoredTarget = { provider: 'twinexpert', id: 'twin-legal', label: 'Legal' };
const BOT: StoredTarget = { provider: 'kamimind', id: 'bot-1', label: 'Bot' };

describe('linked server ids, from the conversation index', () => {
  let dir: string;

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'twin-chat-linked-'));
    const store = new ConversationStore(dir, () => assert.fail('no file is damaged'));
    const saved: [string, StoredTarget, string | undefined][] = [
      ['a', TWIN, 'conv_a'],
      ['b', TWIN, undefined],
      ['c', TWIN, 'conv_c'],
      ['d', BOT, 'story_d'],
    ];
    for (const [id, target, remoteId] of saved) {
      const conversation = newConversation(id, 1, target);
      if (remoteId) conversation.remoteId = remoteId;
      await store.save(conversation);
    }
    await store.flush();
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  /** A store opened afresh on the folder, counting the conversation files it reads. */
  function reopened(): { store: ConversationStore; loads: string[] } {
    const store = new ConversationStore(dir, () => assert.fail('no file is damaged'));
    const loads: string[] = [];
    const load = store.load.bind(store);
    store.load = (id) => {
      loads.push(id);
      return load(id);
    };
    return { store, loads };
  }

  it('finds them without reading a single conversation file', async () => {
    const { store, loads } = reopened();
    const ids = await linkedRemoteIds(store, 'twinexpert');
    assert.deepEqual([...ids].sort(), ['conv_a', 'conv_c']);
    assert.deepEqual(loads, [], 'the index says which are linked');
  });

  it('finds the one linked to a server id by reading only its file', async () => {
    const { store, loads } = reopened();
    assert.equal((await findLinked(store, TWIN, 'conv_c'))?.id, 'c');
    assert.equal(await findLinked(store, TWIN, 'conv_unknown'), undefined);
    assert.deepEqual(loads, ['c']);
  });

  it('reads the file only for entries of an index written before it kept the ids', async () => {
    const indexFile = path.join(dir, 'index.json');
    const index = JSON.parse(fs.readFileSync(indexFile, 'utf8')) as Record<string, unknown>[];
    const older = index.map((entry) =>
      entry.id === 'b'
        ? entry
        : Object.fromEntries(Object.entries(entry).filter(([k]) => k !== 'remoteId')),
    );
    fs.writeFileSync(indexFile, JSON.stringify(older));
    const { store, loads } = reopened();
    const ids = await linkedRemoteIds(store, 'twinexpert');
    assert.deepEqual([...ids].sort(), ['conv_a', 'conv_c']);
    assert.deepEqual(loads.sort(), ['a', 'c'], 'only the TwinExpert entries the index cannot tell');
  });
});
