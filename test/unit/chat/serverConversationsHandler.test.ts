import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ConversationStore } from '../../../src/chat/conversationStore';
import {
  ServerConversationsHandler,
  type SectionChat,
} from '../../../src/chat/serverConversationsHandler';
import { importTwinExpertConversation } from '../../../src/chat/twinExpertImport';
import { createTwinExpertServer } from '../../../src/providers/twinExpertServer';
import type { HostToWebview, TargetsView } from '../../../src/shared/protocol';
import { startSimulator, type Simulator } from '../../simulator/server';
import { TE_KEY, testHttp, type TestHttp } from '../providers/helpers';

// The host's side of the history panel's "On TwinExpert" section against the simulator: the
// real TwinExpert client, a real conversation store, and the import the command uses.

const TWIN_KEY = 'twinexpert:twin-legal';
const TARGETS: TargetsView = {
  targets: [
    { key: TWIN_KEY, provider: 'twinexpert', label: 'Cố vấn Pháp lý' },
    { key: 'twinexpert:twin-cloud', provider: 'twinexpert', label: 'Cloud' },
    { key: 'kamimind:bot-1', provider: 'kamimind', label: 'Bot' },
  ],
  selectedKey: TWIN_KEY,
  loading: false,
};

type Page = Extract<HostToWebview, { type: 'serverConversations/page' }>;
type Failure = Extract<HostToWebview, { type: 'serverConversations/error' }>;
type Opened = Extract<HostToWebview, { type: 'serverConversations/opened' }>;

const SENTENCES = {
  unknownTwin: 'That twin is not one of yours.',
  notListed: 'That conversation is not in the list.',
};

describe('"On TwinExpert" host handler against the simulator', () => {
  let sim: Simulator;
  let t: TestHttp;
  let dir: string;
  let store: ConversationStore;
  let apiKey: string;
  let answers: HostToWebview[];
  let shown: string[];
  let unexpected: unknown[];
  let chat: SectionChat;
  let handler: ServerConversationsHandler;

  before(async () => {
    sim = await startSimulator({ port: 0, tokenDelayMs: 0 });
    t = testHttp({ retry: { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1 } });
  });
  after(async () => {
    await t.http.close();
    await sim.stop();
  });

  beforeEach(() => {
    sim.reset();
    sim.configure({ teMessageHistory: true });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'twin-chat-section-'));
    store = new ConversationStore(dir, () => assert.fail('no file is damaged'));
    apiKey = TE_KEY;
    answers = [];
    shown = [];
    unexpected = [];
    const server = createTwinExpertServer({
      baseUrl: sim.twinExpertBaseUrl,
      getApiKey: () => Promise.resolve(apiKey),
      http: t.http,
    });
    chat = {
      targetsView: () => TARGETS,
      shared: { deps: { store, twinExpertServer: () => server } },
      open: (id) => Promise.resolve(void shown.push(id)),
    };
    handler = new ServerConversationsHandler({
      answer: (message) => answers.push(message),
      openConversation: async (c, server, twin, conversation) => {
        const target = { provider: 'twinexpert' as const, ...twin };
        const imported = await importTwinExpertConversation(server, store, target, conversation);
        await c.open(imported.id);
      },
      unexpected: (error) => String(unexpected.push(error)),
      sentences: SENTENCES,
    });
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));
  afterEach(function () {
    if (this.currentTest?.title.includes('(a bug)')) return;
    assert.deepEqual(unexpected, [], 'no failure but the service’s');
  });

  function seed(title: string, twinId = 'twin-legal'): string {
    return sim.seedTwinExpertConversation({
      twinId,
      title,
      messages: [
        { role: 'user', content: `Hỏi: ${title}` },
        { role: 'assistant', content: `Trả lời: ${title}` },
      ],
    });
  }

  const pages = () => answers.filter((a): a is Page => a.type === 'serverConversations/page');
  const failures = () =>
    answers.filter((a): a is Failure => a.type === 'serverConversations/error');
  const opened = () => answers.filter((a): a is Opened => a.type === 'serverConversations/opened');

  it('answers page by page with the twin’s conversations only, until the last page', async () => {
    const ids = Array.from({ length: 23 }, (_, i) => seed(`Hợp đồng ${i}`));
    seed('Another twin', 'twin-cloud');
    await handler.list(chat, TWIN_KEY, 1);
    await handler.list(chat, TWIN_KEY, 2);
    const [first, second] = pages();
    assert.equal(first?.hasMore, true);
    assert.equal(second?.hasMore, false);
    assert.deepEqual([first?.page, second?.page], [1, 2]);
    const listed = [...(first?.conversations ?? []), ...(second?.conversations ?? [])];
    assert.deepEqual(listed.map((c) => c.id).sort(), [...ids].sort());
    assert.ok(listed.every((c) => /^Hợp đồng \d+$/.test(c.title ?? '') && c.updatedAt));
    assert.equal(sim.requests.at(-1)?.query.twinId, 'twin-legal');
  });

  it('opens a seeded conversation with its messages, marks it linked and never duplicates it', async () => {
    const id = seed('Thuê nhà');
    await handler.list(chat, TWIN_KEY, 1);
    await handler.open(chat, TWIN_KEY, id);
    await handler.open(chat, TWIN_KEY, id);
    assert.deepEqual(opened(), [
      { type: 'serverConversations/opened', twinKey: TWIN_KEY, remoteId: id },
      { type: 'serverConversations/opened', twinKey: TWIN_KEY, remoteId: id },
    ]);
    assert.equal(shown.length, 2);
    assert.equal(shown[0], shown[1], 'the same local conversation both times');
    const historyReads = sim.requests.filter(
      (r) => r.method === 'GET' && r.path.endsWith('/messages'),
    );
    assert.equal(historyReads.length, 1, 'opened again: the linked one, nothing fetched');
    assert.equal((await store.list()).length, 1);
    const local = await store.load(shown[0] ?? '');
    assert.equal(local?.remoteId, id);
    assert.equal(local?.title, 'Thuê nhà', 'the title the server listed');
    assert.deepEqual(
      local?.messages.map((m) => m.text),
      ['Hỏi: Thuê nhà', 'Trả lời: Thuê nhà'],
    );
    await handler.list(chat, TWIN_KEY, 1);
    assert.equal(pages()[1]?.conversations.find((c) => c.id === id)?.linked, true);
  });

  it('opens as continue only (empty, linked) when the server keeps no history', async () => {
    sim.configure({ teMessageHistory: false });
    const id = seed('Không có lịch sử');
    await handler.list(chat, TWIN_KEY, 1);
    await handler.open(chat, TWIN_KEY, id);
    const local = await store.load(shown[0] ?? '');
    assert.equal(local?.remoteId, id);
    assert.equal(local?.messages.length, 0);
    assert.deepEqual(failures(), []);
  });

  it('tells a rejected key as one sentence that says what to do', async () => {
    apiKey = 'te_wrong_key_0000000000000000';
    await handler.list(chat, TWIN_KEY, 1);
    const [failure] = failures();
    assert.equal(failure?.page, 1);
    assert.match(failure?.message ?? '', /key/i);
    assert.equal(pages().length, 0);
  });

  it('tells a rate limit with the wait, and a failed open the same way', async () => {
    const id = seed('Bị giới hạn');
    await handler.list(chat, TWIN_KEY, 1);
    sim.configure({ fault: { kind: 'rateLimit', retryAfter: 'seconds', seconds: 30 } });
    await handler.list(chat, TWIN_KEY, 2);
    await handler.open(chat, TWIN_KEY, id);
    const [listing, opening] = failures();
    assert.match(listing?.message ?? '', /30/);
    assert.equal(opening?.page, 0);
    assert.match(opening?.message ?? '', /30/);
    assert.equal((await store.list()).length, 0, 'nothing half imported');
    assert.deepEqual(opened(), [], 'not shown as in Twin Chat');
  });

  it('tells a network failure as one sentence, not a blank list', async () => {
    const unreachable = createTwinExpertServer({
      baseUrl: 'http://127.0.0.1:9/api/v1', // discard port: nothing listens
      getApiKey: () => Promise.resolve(TE_KEY),
      http: t.http,
    });
    const offline = { ...chat, shared: { deps: { store, twinExpertServer: () => unreachable } } };
    await handler.list(offline, TWIN_KEY, 1);
    const [failure] = failures();
    assert.ok(failure && failure.message.length > 0, JSON.stringify(answers));
    assert.doesNotMatch(failure.message, /undefined|\[object/);
    assert.equal(pages().length, 0);
  });

  it('asks nothing for a page out of range', async () => {
    await handler.list(chat, TWIN_KEY, 0);
    await handler.list(chat, TWIN_KEY, 1.5);
    await handler.list(chat, TWIN_KEY, 10_000);
    assert.deepEqual(answers, []);
    assert.equal(sim.requests.length, 0);
  });

  it('refuses, in one sentence, a twin that is not in the target list, and a bot', async () => {
    const id = seed('Của twin khác', 'twin-secret');
    for (const key of ['twinexpert:twin-secret', 'kamimind:bot-1']) {
      await handler.list(chat, key, 1);
      await handler.open(chat, key, id);
    }
    assert.deepEqual(
      failures().map((f) => [f.twinKey, f.page, f.message]),
      [
        ['twinexpert:twin-secret', 1, SENTENCES.unknownTwin],
        ['twinexpert:twin-secret', 0, SENTENCES.unknownTwin],
        ['kamimind:bot-1', 1, SENTENCES.unknownTwin],
        ['kamimind:bot-1', 0, SENTENCES.unknownTwin],
      ],
    );
    assert.equal(sim.requests.length, 0, 'nothing asked of the server');
    assert.equal((await store.list()).length, 0);
  });

  it('opens only a conversation it listed for that twin, under the title it listed', async () => {
    const listedId = seed('Đã liệt kê');
    const otherTwins = seed('Của twin Cloud', 'twin-cloud');
    await handler.list(chat, TWIN_KEY, 1);
    const before = sim.requests.length;
    for (const remoteId of ['', 'never-listed', otherTwins])
      await handler.open(chat, TWIN_KEY, remoteId);
    await handler.open(chat, 'twinexpert:twin-cloud', listedId);
    assert.deepEqual(
      failures().map((f) => [f.page, f.message]),
      Array.from({ length: 4 }, () => [0, SENTENCES.notListed]),
    );
    assert.equal(sim.requests.length, before, 'nothing fetched for a refused open');
    assert.equal((await store.list()).length, 0, 'nothing imported');
    await handler.open(chat, TWIN_KEY, listedId);
    const [local] = await store.list();
    assert.equal(local?.title, 'Đã liệt kê');
    assert.deepEqual(
      opened().map((o) => o.remoteId),
      [listedId],
    );
  });

  it('forgets the earlier listing when page 1 is asked again', async () => {
    const gone = seed('Sẽ bị xóa');
    await handler.list(chat, TWIN_KEY, 1);
    sim.reset();
    sim.configure({ teMessageHistory: true });
    seed('Còn lại');
    await handler.list(chat, TWIN_KEY, 1);
    await handler.open(chat, TWIN_KEY, gone);
    assert.equal(failures()[0]?.message, SENTENCES.notListed);
  });

  it('answers a listing without a server client with a sentence, not silence (a bug)', async () => {
    const noServer = { ...chat, shared: { deps: { store } } };
    await handler.list(noServer, TWIN_KEY, 1);
    const [failure] = failures();
    assert.equal(failure?.page, 1);
    assert.equal(failure?.message, '1', 'the general sentence for a bug');
    assert.equal(unexpected.length, 1);
  });
});
