import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { ConversationStore } from '../../../src/chat/conversationStore';
import { importTwinExpertConversation } from '../../../src/chat/twinExpertImport';
import { createTwinExpertServer } from '../../../src/providers/twinExpertServer';
import { TE_KEY, testHttp, type TestHttp } from '../providers/helpers';

// TwinExpert's history endpoint is undocumented (api-spec T9), so a real 127.0.0.1 server
// here answers it in plausible shapes the simulator does not have.

const TWIN = { provider: 'twinexpert' as const, id: 'twin-legal', label: 'Cố vấn Pháp lý' };

/** The JSON body to answer with, or a status with a JSON error body. */
type Handler = (url: URL) => unknown;

class Status {
  constructor(
    readonly code: number,
    readonly body: unknown,
  ) {}
}

describe('importing TwinExpert history in other plausible shapes', () => {
  let server: http.Server;
  let baseUrl: string;
  let answer: Handler;
  let t: TestHttp;
  let dir: string;
  let store: ConversationStore;

  before(async () => {
    server = http.createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const reply = answer(url);
      const status = reply instanceof Status ? reply.code : 200;
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(reply instanceof Status ? reply.body : reply));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1`;
    t = testHttp({ retry: { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1 } });
  });
  after(async () => {
    await t.http.close();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'twin-chat-history-shapes-'));
    store = new ConversationStore(dir, () => assert.fail('no file is damaged'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const te = () =>
    createTwinExpertServer({ baseUrl, getApiKey: () => Promise.resolve(TE_KEY), http: t.http });

  it('keeps the conversation in time order when the server lists messages newest first', async () => {
    const oldestFirst = [
      { role: 'user', content: 'Q1', createdAt: '2025-07-01T08:00:00.000Z' },
      { role: 'assistant', content: 'A1', createdAt: '2025-07-01T08:00:05.000Z' },
      { role: 'user', content: 'Q2', createdAt: '2025-07-01T08:01:00.000Z' },
      { role: 'assistant', content: 'A2', createdAt: '2025-07-01T08:01:05.000Z' },
    ];
    answer = () => ({ data: [...oldestFirst].reverse() }); // newest first, as many chat APIs page
    const imported = await importTwinExpertConversation(te(), store, TWIN, { id: 'c1' });
    const local = await store.load(imported.id);
    assert.deepEqual(
      local?.messages.map((m) => m.text),
      ['Q1', 'A1', 'Q2', 'A2'],
      'the transcript reads question, answer, question, answer',
    );
  });

  it('keeps the server times when they are epoch milliseconds', async () => {
    const asked = Date.UTC(2024, 0, 2, 3, 4, 5);
    answer = () => ({
      data: [
        { role: 'user', content: 'Q1', createdAt: asked },
        { role: 'assistant', content: 'A1', createdAt: asked + 5000 },
      ],
    });
    const imported = await importTwinExpertConversation(te(), store, TWIN, { id: 'c2' });
    const local = await store.load(imported.id);
    assert.deepEqual(
      local?.messages.map((m) => m.createdAt),
      [asked, asked + 5000],
      'a 2024 conversation is not dated today (and does not jump to the top of the history)',
    );
  });

  it('reads every page from a server that caps pages below the limit asked for', async () => {
    // 70 messages; the server sends at most 50 a page whatever `limit` says, and no paging facts.
    const all = Array.from({ length: 70 }, (_, i) => ({
      role: i % 2 === 0 ? 'user' : 'assistant',
      content: `m${i}`,
    }));
    answer = (url) => {
      const page = Number(url.searchParams.get('page') ?? '1');
      return { data: all.slice((page - 1) * 50, page * 50) };
    };
    const imported = await importTwinExpertConversation(te(), store, TWIN, { id: 'c3' });
    const local = await store.load(imported.id);
    assert.equal(local?.messages.length, 70, 'all 70 messages, not the first page only');
  });

  it('keeps a short first page when the server answers the page after it with an error', async () => {
    answer = (url) =>
      url.searchParams.get('page') === '1'
        ? {
            data: [
              { role: 'user', content: 'Q1' },
              { role: 'assistant', content: 'A1' },
            ],
          }
        : new Status(404, { statusCode: 404, message: 'Page not found' });
    const imported = await importTwinExpertConversation(te(), store, TWIN, { id: 'c4' });
    const local = await store.load(imported.id);
    assert.deepEqual(
      local?.messages.map((m) => m.text),
      ['Q1', 'A1'],
    );
    assert.equal(imported.continueOnly, false);
  });
});
