import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createKamiMindProvider } from '../../../src/providers/kamiMind';
import { ProviderError } from '../../../src/providers/errors';
import { MAX_JSON_BYTES } from '../../../src/providers/requestJson';
import { KM_BOT, KM_TOKEN, testHttp, type TestHttp } from './helpers';

// Reading a KamiMind story (no paging: the whole history in one body, api-spec K2) from a real 127.0.0.1 server, when the body is long.

type Reply = (res: http.ServerResponse) => void;

describe('a long KamiMind story', () => {
  let server: http.Server;
  let base: string;
  let reply: Reply;
  let t: TestHttp;

  before(async () => {
    server = http.createServer((req, res) => {
      req.resume();
      reply(res);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    t = testHttp({ retry: { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1 } });
  });
  after(async () => {
    await t.http.close();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  const km = () =>
    createKamiMindProvider({
      baseUrl: base,
      getToken: () => Promise.resolve(KM_TOKEN),
      listBots: () => Promise.resolve([{ id: 'bot-1', label: 'Demo bot' }]),
      getBotToken: () => Promise.resolve(KM_BOT),
      http: t.http,
    });

  function story(turns: number, answerChars: number): string {
    const history = [];
    for (let i = 0; i < turns; i++) {
      history.push({
        chat_id: `q${i}`,
        actor: 'CLIENT',
        question: `question ${i}`,
        createTime: '03/10/2025 10:39:15',
      });
      history.push({
        chat_id: `a${i}`,
        actor: 'BOT',
        answer: `answer ${i} ${'x'.repeat(answerChars)}`,
        createTime: '03/10/2025 10:39:20',
      });
    }
    return JSON.stringify({
      success: true,
      data: { storyId: 's1', storyName: 'long', totalHist: history.length, history },
    });
  }

  it('opens a long KamiMind story (400 turns of 25 KB answers, ~10 MB) whole', async () => {
    const body = story(400, 25_000);
    reply = (res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(body);
    };
    let messages: unknown[] | undefined;
    try {
      messages = await km().history?.('s1');
    } catch (error) {
      assert.fail(
        `the story did not open: ${error instanceof ProviderError ? `${error.kind}: ${error.userMessage}` : String(error)}`,
      );
    }
    assert.equal(messages?.length, 800);
  });

  it('says a story too large to read is too large, not that the base URL may be wrong', async () => {
    const megabyte = 'x'.repeat(1024 * 1024);
    reply = (res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"success":true,"data":{"history":[{"actor":"BOT","answer":"');
      for (let i = 0; i < MAX_JSON_BYTES / megabyte.length; i++) res.write(megabyte);
      res.end('"}]}}');
    };
    const error = await km()
      .history?.('s1')
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    assert.ok(error instanceof ProviderError, String(error));
    assert.match(error.userMessage, /larger than the 64 MB Twin Chat reads at once/);
    assert.doesNotMatch(error.userMessage, /base URL/);
  });
});
