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
    { key: 'kamimind:bot-1', provider: 'kamimind', label: 'Bot' },
  ],
  selectedKey: TWIN_KEY,
  loading: false,
};

type Page = Extract<HostToWebview, { type: 'serverConversations/page' }>;
type Failure = Extract<HostToWebview, { type: 'serverConversations/error' }>;

describe('"On TwinExpert" host handler against the simulator', () => {
  let sim: Simulator;
  let t: TestHttp;
  let dir: string;
  let store: ConversationStore;
  let apiKey: string;
  let answers: HostToWebview[];
  let shown: string[];
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
      openConversation: async (c, twin, conversation) => {
        const target = { provider: 'twinexpert' as const, ...twin };
        const imported = await importTwinExpertConversation(server, store, target, conversation);
        await c.open(imported.id);
      },
      unexpected: (error) => assert.fail(String(error)),
    });
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

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
    await handler.open(chat, TWIN_KEY, id, 'Thuê nhà');
    await handler.open(chat, TWIN_KEY, id, 'Thuê nhà');
    assert.equal(shown.length, 2);
    assert.equal(shown[0], shown[1], 'the same local conversation both times');
    const historyReads = sim.requests.filter(
      (r) => r.method === 'GET' && r.path.endsWith('/messages'),
    );
    assert.equal(historyReads.length, 1, 'opened again: the linked one, nothing fetched');
    assert.equal((await store.list()).length, 1);
    const local = await store.load(shown[0] ?? '');
    assert.equal(local?.remoteId, id);
    assert.deepEqual(
      local?.messages.map((m) => m.text),
      ['Hỏi: Thuê nhà', 'Trả lời: Thuê nhà'],
    );
    await handler.list(chat, TWIN_KEY, 1);
    assert.equal(pages()[0]?.conversations.find((c) => c.id === id)?.linked, true);
  });

  it('opens as continue only (empty, linked) when the server keeps no history', async () => {
    sim.configure({ teMessageHistory: false });
    const id = seed('Không có lịch sử');
    await handler.open(chat, TWIN_KEY, id, '');
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
    sim.configure({ fault: { kind: 'rateLimit', retryAfter: 'seconds', seconds: 30 } });
    await handler.list(chat, TWIN_KEY, 1);
    await handler.open(chat, TWIN_KEY, id, 'Bị giới hạn');
    const [listing, opening] = failures();
    assert.match(listing?.message ?? '', /30/);
    assert.equal(opening?.page, 0);
    assert.match(opening?.message ?? '', /30/);
    assert.equal((await store.list()).length, 0, 'nothing half imported');
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

  it('asks nothing for a bot, a page out of range or an empty id', async () => {
    await handler.list(chat, 'kamimind:bot-1', 1);
    await handler.list(chat, TWIN_KEY, 0);
    await handler.list(chat, TWIN_KEY, 1.5);
    await handler.list(chat, TWIN_KEY, 10_000);
    await handler.open(chat, TWIN_KEY, '', 'x');
    assert.deepEqual(answers, []);
    assert.equal(sim.requests.length, 0);
  });
});
