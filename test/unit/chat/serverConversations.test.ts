import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ConversationStore } from '../../../src/chat/conversationStore';
import { newConversation } from '../../../src/chat/model';
import { linkServerConversation } from '../../../src/chat/serverConversations';

const TWIN = { provider: 'twinexpert' as const, id: 'twin-legal', label: 'Cố vấn Pháp lý' };
const BOT = { provider: 'kamimind' as const, id: 'bot-1', label: 'Demo bot' };

describe('server conversations linked into the local store', () => {
  let dir: string;
  let store: ConversationStore;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'twin-chat-server-'));
    store = new ConversationStore(dir, () => assert.fail('no file is damaged'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const server = {
    target: TWIN,
    remoteId: 'conv_web_1',
    title: 'Thuê nhà',
    messages: [
      { role: 'user' as const, text: 'Hợp đồng cần gì?', time: '2025-07-01T08:00:00.000Z' },
      { role: 'assistant' as const, text: 'Chữ ký hai bên.', time: '2025-07-01T08:00:05.000Z' },
    ],
  };

  it('saves the server history as a linked conversation, with its times and title', async () => {
    const linked = await linkServerConversation(store, server, 1);
    assert.equal(linked.created, true);
    const saved = await store.load(linked.id);
    assert.equal(saved?.remoteId, 'conv_web_1');
    assert.deepEqual(saved?.target, TWIN);
    assert.equal(saved?.title, 'Thuê nhà');
    assert.deepEqual(
      saved?.messages.map((m) => [m.role, m.text, m.status, m.createdAt]),
      [
        ['user', 'Hợp đồng cần gì?', 'complete', Date.parse('2025-07-01T08:00:00.000Z')],
        ['assistant', 'Chữ ký hai bên.', 'complete', Date.parse('2025-07-01T08:00:05.000Z')],
      ],
    );
    assert.equal(saved?.updatedAt, Date.parse('2025-07-01T08:00:05.000Z'));
  });

  it('opening the same server conversation again reuses the linked one', async () => {
    const first = await linkServerConversation(store, server, 1);
    const again = await linkServerConversation(store, server, 2);
    assert.deepEqual(again, { id: first.id, created: false });
    assert.equal((await store.list()).length, 1);
  });

  it('reuses a conversation Twin Chat itself started on that server conversation', async () => {
    const own = newConversation('own-1', 1, TWIN);
    own.remoteId = 'conv_web_1';
    own.messages.push({ id: 'm', role: 'user', text: 'hi', status: 'complete', createdAt: 1 });
    await store.save(own);
    assert.deepEqual(await linkServerConversation(store, server), { id: 'own-1', created: false });
  });

  it('the same id at another provider is another conversation', async () => {
    const first = await linkServerConversation(store, server);
    const story = await linkServerConversation(store, { ...server, target: BOT });
    assert.equal(story.created, true);
    assert.notEqual(story.id, first.id);
  });

  it('a continue-only conversation keeps no messages and is titled from the server or its id', async () => {
    const bare = await linkServerConversation(store, {
      target: TWIN,
      remoteId: 'conv_x',
      messages: [],
    });
    const saved = await store.load(bare.id);
    assert.equal(saved?.messages.length, 0);
    assert.equal(saved?.title, 'conv_x');
    assert.equal(
      (await linkServerConversation(store, { target: TWIN, remoteId: 'conv_x', messages: [] }))
        .created,
      false,
    );
  });
});
