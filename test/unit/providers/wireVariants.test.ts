// Wire forms no simulator mode sends, each plausible for a server no one here wrote (api-spec T7,
// K1, "Error format"): a small real HTTP server answers every request with the bytes given, and
// the real provider clients read them. What the chat keeps is the deltas joined, so a `complete`
// must carry exactly that, and a misread answer must never end as complete.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import * as zlib from 'node:zlib';
import type { ProviderError } from '../../../src/providers/errors';
import { createKmMapper } from '../../../src/providers/kamiMind/bodyMapper';
import { kmFormFactory } from '../../../src/providers/kamiMind/form';
import { KAMIMIND_SERVICE } from '../../../src/providers/kamiMind/service';
import type { KmStreamState } from '../../../src/providers/kamiMind/streamEvents';
import { runStream } from '../../../src/providers/stream/run';
import { createKamiMindProvider } from '../../../src/providers/kamiMind';
import { createTwinExpertProvider } from '../../../src/providers/twinExpert';
import type { ChatEvent, ChatProvider } from '../../../src/providers/types';
import { collect, deltaText, KM_BOT, KM_TOKEN, send, TE_KEY, terminal, testHttp } from './helpers';

interface Reply {
  status?: number;
  headers?: Record<string, string>;
  body: string | Buffer;
}

type Replies = Reply | ((url: URL) => Reply);

/** Answers every request with `reply` (or what it gives for the request's URL); records requests. */
async function startWire(): Promise<{
  url: string;
  reply: (next: Replies) => void;
  headers: http.IncomingHttpHeaders[];
  urls: URL[];
  close: () => Promise<void>;
}> {
  let current: Replies = { body: '' };
  const headers: http.IncomingHttpHeaders[] = [];
  const urls: URL[] = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    headers.push(req.headers);
    urls.push(url);
    req.resume();
    req.on('end', () => {
      const reply = typeof current === 'function' ? current(url) : current;
      res.writeHead(reply.status ?? 200, reply.headers ?? {});
      res.end(reply.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    reply: (next) => (current = next),
    headers,
    urls,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

const SSE = { 'content-type': 'text/event-stream' };
const JSON_TYPE = { 'content-type': 'application/json' };

/** What the chat shows when `events` end: the deltas joined, and how the answer ended. */
function outcome(events: ChatEvent[]): { text: string; end: string } {
  const last = terminal(events);
  if (last.type === 'complete') assert.equal(last.text, deltaText(events), 'complete = deltas');
  return { text: deltaText(events), end: last.type === 'error' ? last.error.kind : 'complete' };
}

describe('wire forms a server of either vendor may send', () => {
  let wire: Awaited<ReturnType<typeof startWire>>;
  let te: ChatProvider;
  let km: ChatProvider;
  before(async () => {
    wire = await startWire();
    const { http: client } = testHttp({ retry: { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1 } });
    te = createTwinExpertProvider({
      baseUrl: `${wire.url}/api/v1`,
      getApiKey: () => Promise.resolve(TE_KEY),
      http: client,
    });
    km = createKamiMindProvider({
      baseUrl: wire.url,
      getToken: () => Promise.resolve(KM_TOKEN),
      listBots: () => Promise.resolve([{ id: 'bot-1', label: 'Bot' }]),
      getBotToken: () => Promise.resolve(KM_BOT),
      http: client,
    });
  });
  after(() => wire.close());

  const teSend = (stream = true) => send(te, { conversationId: 'c1', stream });
  const kmSend = () => send(km, { conversationId: 's1' });

  describe('TwinExpert', () => {
    it('reads delta text inside a data wrapper and from message', async () => {
      wire.reply({
        headers: SSE,
        body:
          'data: {"type":"delta","data":{"content":"Xin "}}\n\n' +
          'event: delta\ndata: {"message":"chào"}\n\n' +
          'data: {"type":"complete","data":{}}\n\n',
      });
      assert.deepEqual(outcome(await teSend()), { text: 'Xin chào', end: 'complete' });
    });

    it('reads a JSON string as the text it encodes', async () => {
      wire.reply({
        headers: SSE,
        body: 'event: delta\ndata: "Xin"\n\nevent: delta\ndata: " chào\\nbạn"\n\nevent: complete\ndata: {}\n\n',
      });
      assert.deepEqual(outcome(await teSend()), { text: 'Xin chào\nbạn', end: 'complete' });
    });

    it('never lets complete replace what streamed: a restatement adds its tail, a last chunk is kept', async () => {
      const stream = (complete: string) =>
        `event: delta\ndata: {"content":"Xin "}\n\nevent: delta\ndata: {"content":"chào"}\n\nevent: complete\ndata: ${complete}\n\n`;
      wire.reply({ headers: SSE, body: stream('{"content":"!"}') });
      assert.deepEqual(outcome(await teSend()), { text: 'Xin chào!', end: 'complete' });
      wire.reply({ headers: SSE, body: stream('{"message":{"content":"Xin chào bạn"}}') });
      assert.deepEqual(outcome(await teSend()), { text: 'Xin chào bạn', end: 'complete' });
      wire.reply({ headers: SSE, body: stream('{"message":{"content":"Xin chào"}}') });
      assert.deepEqual(outcome(await teSend()), { text: 'Xin chào', end: 'complete' });
    });

    it('takes an error envelope sent with HTTP 200 as that error, on every endpoint', async () => {
      const body = JSON.stringify({
        success: false,
        message: 'Vượt quá giới hạn tần suất gọi API',
        error: 'RATE_LIMIT_EXCEEDED',
        statusCode: 429,
        meta: { retryAfter: 30 },
      });
      wire.reply({ headers: JSON_TYPE, body });
      assert.deepEqual(outcome(await teSend(false)), { text: '', end: 'rateLimited' });
      assert.deepEqual(outcome(await teSend(true)), { text: '', end: 'rateLimited' });
      await assert.rejects(te.history?.('c1') ?? Promise.reject(new Error('no history')), {
        kind: 'rateLimited',
      });
      wire.reply({
        headers: SSE,
        body: `event: delta\ndata: {"content":"Xin"}\n\ndata: ${body}\n\n`,
      });
      const cut = terminal(await teSend());
      assert.ok(cut.type === 'error');
      assert.equal(cut.error.kind, 'rateLimited');
      assert.equal(cut.partialText, 'Xin');
    });

    it('takes an empty answer for unreadable, streamed or not', async () => {
      wire.reply({ headers: JSON_TYPE, body: '{"data":{"assistantMessage":{"content":""}}}' });
      assert.deepEqual(outcome(await teSend(false)), { text: '', end: 'protocol' });
      wire.reply({ headers: JSON_TYPE, body: '{"success":true,"data":{"message":" "}}' });
      assert.deepEqual(outcome(await send(km, { conversationId: 's1', stream: false })), {
        text: '',
        end: 'protocol',
      });
    });

    it('does not show an envelope’s own message as the answer', async () => {
      wire.reply({
        headers: JSON_TYPE,
        body: '{"success":true,"message":"Message sent successfully"}',
      });
      assert.deepEqual(outcome(await teSend(false)), { text: '', end: 'protocol' });
    });

    it('ends a stream with no text at all as unreadable, not as an empty answer', async () => {
      wire.reply({
        headers: SSE,
        body: 'event: delta\ndata: {"unknown":"x"}\n\nevent: complete\ndata: {}\n\n',
      });
      assert.deepEqual(outcome(await teSend()), { text: '', end: 'protocol' });
    });

    it('completes a stream whose lines end in CR alone', async () => {
      wire.reply({
        headers: SSE,
        body: 'event: delta\rdata: {"content":"Xin chào"}\r\revent: complete\rdata: {}\r\r',
      });
      assert.deepEqual(outcome(await teSend()), { text: 'Xin chào', end: 'complete' });
    });

    it('asks for no compression, and decodes a server that compresses anyway', async () => {
      const body = 'event: delta\ndata: {"content":"Xin chào"}\n\nevent: complete\ndata: {}\n\n';
      for (const [encoding, encode] of [
        ['gzip', zlib.gzipSync],
        ['deflate', zlib.deflateSync],
        ['br', zlib.brotliCompressSync],
      ] as const) {
        wire.reply({ headers: { ...SSE, 'content-encoding': encoding }, body: encode(body) });
        assert.deepEqual(outcome(await teSend()), { text: 'Xin chào', end: 'complete' }, encoding);
      }
      assert.equal(wire.headers.at(-1)?.['accept-encoding'], 'identity');
      const cut = zlib.gzipSync(body).subarray(0, 40);
      wire.reply({ headers: { ...SSE, 'content-encoding': 'gzip' }, body: cut });
      const cutOff = terminal(await teSend());
      assert.ok(cutOff.type === 'error' && /cut off/.test(cutOff.error.userMessage));
      wire.reply({ headers: { ...SSE, 'content-encoding': 'zstd' }, body: 'not for reading' });
      const unknown = terminal(await teSend());
      assert.ok(unknown.type === 'error' && /compressed as "zstd"/.test(unknown.error.userMessage));
    });

    it('leaves out an envelope’s own word and a complete event’s, and reads a wrapped final answer', async () => {
      wire.reply({
        headers: SSE,
        body:
          'data: {"success":true,"message":"Message saved","data":{"id":"m1"}}\n\n' +
          'event: delta\ndata: {"content":"Xin chào"}\n\n' +
          'event: complete\ndata: {"message":"Hoàn thành message"}\n\n',
      });
      assert.deepEqual(outcome(await teSend()), { text: 'Xin chào', end: 'complete' });
      wire.reply({
        headers: SSE,
        body: 'event: complete\ndata: {"data":{"assistantMessage":{"content":"Xin chào"}}}\n\n',
      });
      assert.deepEqual(outcome(await teSend()), { text: 'Xin chào', end: 'complete' });
    });

    it('takes a failing status or a null data beside an error status for the error it is', async () => {
      wire.reply({
        headers: JSON_TYPE,
        body: '{"statusCode":500,"message":"Internal server error","data":null}',
      });
      assert.deepEqual(outcome(await teSend(false)), { text: '', end: 'server' });
      wire.reply({
        headers: SSE,
        body: 'event: delta\ndata: {"content":"Xin"}\n\ndata: {"status":"error","message":"Model overloaded"}\n\n',
      });
      const failed = terminal(await teSend());
      assert.ok(failed.type === 'error' && /Model overloaded/.test(failed.error.userMessage));
      assert.equal(failed.partialText, 'Xin');
    });

    it('reads history from a server that ignores paging once, and follows one that caps pages', async () => {
      const messages = (from: number, count: number) =>
        Array.from({ length: count }, (_, i) => ({ role: 'user', content: `m${from + i}` }));
      wire.reply({ headers: JSON_TYPE, body: JSON.stringify({ data: messages(0, 120) }) });
      const before = wire.urls.length;
      assert.equal((await te.history?.('c1'))?.length, 120);
      assert.equal(wire.urls.length - before, 1, 'one request: the server sent everything');
      wire.reply((url) => {
        const page = Number(url.searchParams.get('page'));
        const body = {
          data: messages((page - 1) * 50, page < 3 ? 50 : 20),
          meta: { totalPages: 3 },
        };
        return { headers: JSON_TYPE, body: JSON.stringify(body) };
      });
      const capped = await te.history?.('c1');
      assert.deepEqual(
        capped?.map((m) => m.text),
        messages(0, 120).map((m) => m.content),
      );
      wire.reply({ headers: JSON_TYPE, body: JSON.stringify({ data: messages(0, 100) }) });
      assert.equal(
        (await te.history?.('c1'))?.length,
        100,
        'a repeated first page is not read again',
      );
    });
  });

  describe('KamiMind', () => {
    const PLAIN = { 'content-type': 'text/plain; charset=utf-8' };

    it('reads a body without a format by what it starts with: SSE frames, JSON lines, text', async () => {
      wire.reply({
        body: 'data: {"message":"Xin ","story_id":"s1"}\n\ndata: {"message":"chào"}\n\ndata: [DONE]\n\n',
      });
      assert.deepEqual(outcome(await kmSend()), { text: 'Xin chào', end: 'complete' });
      wire.reply({
        headers: PLAIN,
        body: '{"success":true,"data":{"message":"Xin chào","story_id":"s1"}}',
      });
      assert.deepEqual(outcome(await kmSend()), { text: 'Xin chào', end: 'complete' });
      wire.reply({ headers: PLAIN, body: '{"a": 1} is a JSON object.\nPlain text all the same.' });
      assert.deepEqual(outcome(await kmSend()), {
        text: '{"a": 1} is a JSON object.\nPlain text all the same.',
        end: 'complete',
      });
      wire.reply({ headers: PLAIN, body: 'Xin chào: data: is not at the start' });
      assert.equal(outcome(await kmSend()).text, 'Xin chào: data: is not at the start');
    });

    it('leaves out an envelope’s own word between chunks', async () => {
      wire.reply({
        headers: SSE,
        body:
          'data: {"success":true,"message":"Chat successfully","data":{"story_id":"s1"}}\n\n' +
          'data: {"message":"Xin chào"}\n\ndata: [DONE]\n\n',
      });
      assert.deepEqual(outcome(await kmSend()), { text: 'Xin chào', end: 'complete' });
    });

    it('does not count a bot’s echo of the question as another question', async () => {
      wire.reply({
        headers: JSON_TYPE,
        body: JSON.stringify({
          success: true,
          data: {
            history: [
              { actor: 'CLIENT', question: 'xin chào' },
              { actor: 'BOT', question: 'xin chào', answer: 'Chào bạn!' },
            ],
          },
        }),
      });
      assert.deepEqual(
        (await km.history?.('s1'))?.map((m) => [m.role, m.text]),
        [
          ['user', 'xin chào'],
          ['assistant', 'Chào bạn!'],
        ],
      );
    });

    it('takes a refusal sent as text/plain as the error it is, not as the answer', async () => {
      wire.reply({
        headers: PLAIN,
        body: '{"success":false,"message":"{\\"code\\":\\"NOT_ENOUGH_AVAILABLE_MONEY\\"}"}',
      });
      const events = await kmSend();
      assert.equal(deltaText(events), '');
      assert.equal(terminal(events).type, 'error');
    });

    it('reads a story with history:null as empty, and a turn record with an actor whole', async () => {
      wire.reply({ headers: JSON_TYPE, body: '{"success":true,"data":{"history":null}}' });
      assert.deepEqual(await km.history?.('s1'), []);
      wire.reply({
        headers: JSON_TYPE,
        body: JSON.stringify({
          success: true,
          data: { history: [{ actor: 'CLIENT', question: 'xin chào', answer: 'Chào bạn!' }] },
        }),
      });
      assert.deepEqual(
        (await km.history?.('s1'))?.map((m) => [m.role, m.text]),
        [
          ['user', 'xin chào'],
          ['assistant', 'Chào bạn!'],
        ],
      );
    });

    it('says which attachment failed when its file cannot be read during the upload', async () => {
      wire.reply({ headers: JSON_TYPE, body: '{"success":true,"data":{"message":"ok"}}' });
      const { http: client } = testHttp({
        retry: { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1 },
      });
      const fields = { botToken: KM_BOT, storyId: '', message: 'Xin chào', streaming: false };
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'twin-chat-upload-'));
      const pipe = path.join(dir, 'notes.txt');
      // A path gone, and one swapped for a named pipe (which must not hold the upload forever).
      if (process.platform !== 'win32') execFileSync('mkfifo', [pipe]);
      const file = { name: 'files', filename: 'notes.txt', contentType: 'text/plain', size: 10 };
      try {
        for (const source of [path.join(dir, 'gone', 'notes.txt'), pipe]) {
          await assert.rejects(
            client.request({
              method: 'POST',
              url: `${wire.url}/public/v1/response`,
              body: kmFormFactory(fields, [{ ...file, source: { path: source } }]),
              service: KAMIMIND_SERVICE,
            }),
            (error: ProviderError) => {
              assert.equal(error.kind, 'badRequest');
              assert.match(
                error.userMessage,
                /The attachment "notes\.txt" changed or could not be read/,
              );
              return true;
            },
          );
        }
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });

    it('reads a JSON string chunk as its text and an answer field as a chunk', async () => {
      wire.reply({
        headers: SSE,
        body: 'data: "Xin \\"bạn\\""\n\ndata: {"answer":" chào","story_id":"s1"}\n\ndata: [DONE]\n\n',
      });
      assert.deepEqual(outcome(await kmSend()), { text: 'Xin "bạn" chào', end: 'complete' });
    });
  });
});

describe('a KamiMind body without a format, chunk by chunk', () => {
  const state = (): KmStreamState => ({
    text: '',
    finished: false,
    service: KAMIMIND_SERVICE,
    secrets: [],
  });
  const read = (...chunks: string[]) =>
    collect(
      runStream(
        Readable.from(chunks.map((c) => Buffer.from(c))) as AsyncIterable<Uint8Array>,
        createKmMapper('raw', state()),
        { service: KAMIMIND_SERVICE },
      ),
    );

  it('waits while the first bytes may still become an SSE field', async () => {
    const sse = 'ata: {"message":"Xin chào"}\n\ndata: [DONE]\n\n';
    assert.deepEqual(outcome(await read('d', sse)), { text: 'Xin chào', end: 'complete' });
    assert.deepEqual(outcome(await read('\n', 'e', 'vent: delta\nd' + sse)), {
      text: 'Xin chào',
      end: 'complete',
    });
    assert.deepEqual(outcome(await read('d', 'ear reader')), {
      text: 'dear reader',
      end: 'complete',
    });
  });

  it('keeps a JSON line cut short at the end out of the text shown with "cut off"', async () => {
    const cut = terminal(await read('{"message":"Xin ","done":false}\n{"message":"ch'));
    assert.ok(cut.type === 'error' && /cut off/.test(cut.error.userMessage), JSON.stringify(cut));
    assert.equal(cut.partialText, 'Xin ');
  });

  it('reports a JSON line cut short as cut off, not as a text answer', async () => {
    const cut = terminal(await read('{"success":true,"data":{"message":"Xin ch'));
    assert.ok(cut.type === 'error' && /cut off/.test(cut.error.userMessage), JSON.stringify(cut));
  });
});
