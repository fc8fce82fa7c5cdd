import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Fault, KmStreamStyle, Simulator, SimulatorConfig } from '../../simulator/server';
import { startSimulator } from '../../simulator/server';
import {
  KM_BOT,
  KM_TOKEN,
  completeText,
  deltaText,
  errorOf,
  kmProvider,
  send,
  shape,
  terminal,
  testHttp,
  type TestHttp,
} from './helpers';

function storyOf(events: { type: string; conversationId?: string }[]): string {
  const first = events.find((e) => e.type === 'conversation');
  return first?.conversationId ?? '';
}

describe('KamiMind provider against the simulator', () => {
  let sim: Simulator;
  let t: TestHttp;

  before(async () => {
    sim = await startSimulator({ port: 0, tokenDelayMs: 0 });
  });
  after(() => sim.stop());
  beforeEach(() => {
    sim.reset();
    t = testHttp();
  });
  afterEach(() => t.http.close());

  const provider = () => kmProvider(sim, t.http);
  const withFault = (fault: Fault, extra: Partial<SimulatorConfig> = {}) =>
    sim.configure({ fault, ...extra });

  it('lists the configured bots by local id, never by token', async () => {
    assert.deepEqual(await provider().listTargets(), [
      { provider: 'kamimind', id: 'bot-1', label: 'Demo bot' },
    ]);
  });

  for (const kmStreamStyle of ['raw', 'sse', 'ndjson'] as const) {
    it(`streams ${kmStreamStyle}: conversation, deltas, complete with the story id`, async () => {
      sim.configure({ kmStreamStyle });
      const events = await send(provider(), { text: 'Xin chào 👋' });
      assert.deepEqual(shape(events), ['conversation', 'delta+', 'complete']);
      const story = storyOf(events);
      assert.match(story, /^[0-9a-f-]{36}$/);
      assert.equal(terminal(events).conversationId, story);
      assert.equal(completeText(events), deltaText(events));
      assert.match(completeText(events), /Xin chào 👋/);
      assert.deepEqual(sim.requests[0]?.fields, {
        bot_token: KM_BOT,
        story_id: '',
        message: 'Xin chào 👋',
        streaming: 'true',
      });
      assert.equal(sim.requests[0]?.headers.authorization, `Bearer ${KM_TOKEN}`);
    });
  }

  it('reads a JSON envelope when the server ignores streaming', async () => {
    sim.configure({ kmStreamStyle: 'json' });
    const events = await send(provider(), {});
    assert.deepEqual(shape(events), ['conversation', 'complete']);
    assert.equal(terminal(events).conversationId, storyOf(events));
  });

  it('sends streaming=false and reads the documented envelope', async () => {
    const events = await send(provider(), { stream: false });
    assert.deepEqual(shape(events), ['conversation', 'complete']);
    assert.equal(sim.requests[0]?.fields?.streaming, 'false');
  });

  for (const kmStreamStyle of ['raw', 'sse', 'ndjson', 'json'] as KmStreamStyle[]) {
    it(`continues the story (${kmStreamStyle}) and reads its history`, async () => {
      sim.configure({ kmStreamStyle, kmBotActor: 'ASSISTANT' });
      const first = await send(provider(), { text: 'một' });
      const story = storyOf(first);
      const second = await send(provider(), { text: 'hai', conversationId: story });
      assert.ok(!second.some((e) => e.type === 'conversation'));
      assert.equal(terminal(second).conversationId, story);
      assert.equal(sim.requests[1]?.fields?.story_id, story);
      const history = await provider().history?.(story);
      assert.deepEqual(
        history?.map((m) => [m.role, m.text.slice(0, 3)]),
        [
          ['user', 'một'],
          ['assistant', completeText(first).slice(0, 3)],
          ['user', 'hai'],
          ['assistant', completeText(second).slice(0, 3)],
        ],
      );
      for (const message of history ?? [])
        assert.match(message.time ?? '', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    });
  }

  it('uploads several files (disk and in-memory) as repeated `files` parts', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'twin-chat-'));
    try {
      const onDisk = path.join(dir, 'ghi chú.txt');
      fs.writeFileSync(onDisk, 'Xin chào từ đĩa 💾\n'.repeat(100));
      const memory = new TextEncoder().encode('unsaved buffer ✍️');
      const attachments = [
        {
          name: 'ghi chú.txt',
          size: fs.statSync(onDisk).size,
          path: onDisk,
          contentType: 'text/plain',
        },
        { name: 'draft.md', size: memory.byteLength, data: memory, contentType: 'text/markdown' },
      ];
      const events = await send(provider(), { attachments });
      assert.match(completeText(events), /Tệp đính kèm \(2\)/);
      const files = sim.requests[0]?.files ?? [];
      assert.deepEqual(
        files.map((f) => [f.field, f.filename, f.contentType, f.size]),
        [
          ['files', 'ghi chú.txt', 'text/plain', attachments[0]?.size],
          ['files', 'draft.md', 'text/markdown', memory.byteLength],
        ],
      );
      const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
      assert.equal(files[0]?.sha256, sha(fs.readFileSync(onDisk)));
      assert.equal(files[1]?.sha256, sha(memory));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reports a missing attachment file as badRequest without a request', async () => {
    const events = await send(provider(), {
      attachments: [{ name: 'gone.txt', size: 1, path: '/nonexistent/gone.txt' }],
    });
    assert.equal(errorOf(events).error.kind, 'badRequest');
    assert.equal(sim.requests.length, 0);
  });

  describe('errors', () => {
    for (const kmErrorsAs200 of [false, true]) {
      const label = kmErrorsAs200 ? ' (as HTTP 200 + success:false)' : '';
      it(`maps a rejected token, an unknown bot and an unknown story${label}`, async () => {
        sim.configure({ kmErrorsAs200 });
        const auth = errorOf(
          await send(kmProvider(sim, t.http, { token: 'short-token' }), {}),
        ).error;
        assert.equal(auth.kind, 'auth');
        assert.match(auth.userMessage, /Set KamiMind Token/);
        const bot = errorOf(
          await send(
            kmProvider(sim, t.http, { botToken: '00000000-0000-0000-0000-000000000000' }),
            {},
          ),
        );
        assert.equal(bot.error.kind, 'notFound');
        assert.equal(bot.error.code, 'DATA_NOT_FOUND');
        const story = errorOf(await send(provider(), { conversationId: 'no-such-story' }));
        assert.equal(story.error.kind, 'notFound');
        assert.equal(story.conversationId, 'no-such-story');
        await assert.rejects(provider().history!('no-such-story'), { kind: 'notFound' });
      });
    }

    it('checks token and bot token formats locally first', async () => {
      const noToken = errorOf(await send(kmProvider(sim, t.http, { token: undefined }), {})).error;
      assert.equal(noToken.kind, 'auth');
      const badBot = errorOf(
        await send(kmProvider(sim, t.http, { botToken: 'not-a-uuid' }), {}),
      ).error;
      assert.equal(badBot.kind, 'auth');
      assert.match(badBot.userMessage, /UUID/);
      assert.equal(sim.requests.length, 0);
    });

    it('rejects an upload over the server limit as badRequest with the server reason', async () => {
      sim.configure({ maxUploadBytes: 1024 });
      const data = new Uint8Array(10_000);
      const { error } = errorOf(
        await send(provider(), { attachments: [{ name: 'big.bin', size: data.byteLength, data }] }),
      );
      assert.equal(error.kind, 'badRequest');
      assert.equal(error.status, 413);
      assert.match(error.userMessage, /Upload too large/);
    });

    it('checkConnection: story detail of the nil UUID (404 means the token was accepted)', async () => {
      assert.equal((await provider().checkConnection()).ok, true);
      assert.equal(
        sim.requests[0]?.path,
        '/api/bot/story/detail/00000000-0000-0000-0000-000000000000',
      );
      const rejected = await kmProvider(sim, t.http, { token: 'short-token' }).checkConnection();
      assert.equal(rejected.ok, false);
      assert.equal(rejected.error?.kind, 'auth');
    });

    it('rateLimit: retried once with Retry-After, the multipart body rebuilt', async () => {
      withFault({ kind: 'rateLimit', retryAfter: 'seconds', seconds: 1 }, { faultOnce: true });
      assert.ok(completeText(await send(provider(), {})).length > 0);
      assert.equal(sim.requests.length, 2);
      assert.deepEqual(sim.requests[1]?.fields, sim.requests[0]?.fields);
    });

    it('nonJson200: a captive-portal page is a protocol error, streaming or not', async () => {
      withFault({ kind: 'nonJson200' });
      assert.equal(errorOf(await send(provider(), {})).error.kind, 'protocol');
      assert.equal(errorOf(await send(provider(), { stream: false })).error.kind, 'protocol');
    });

    it('httpError 500 with an HTML body: a server error', async () => {
      withFault({ kind: 'httpError', status: 500 });
      const { error } = errorOf(await send(provider(), {}));
      assert.equal(error.kind, 'server');
      assert.equal(error.status, 500);
    });
  });

  describe('stream faults', () => {
    const framed = ['sse', 'ndjson'] as const;
    for (const kmStreamStyle of framed) {
      for (const kind of ['malformedSse', 'crlf', 'bom', 'heartbeats', 'oneByteChunks'] as const) {
        it(`${kmStreamStyle} + ${kind}: the same answer as a clean stream`, async () => {
          sim.configure({ kmStreamStyle });
          const reference = completeText(await send(provider(), {}));
          sim.reset();
          withFault({ kind }, { kmStreamStyle });
          const events = await send(provider(), {});
          assert.deepEqual(shape(events), ['conversation', 'delta+', 'complete']);
          assert.equal(completeText(events), reference);
          assert.equal(deltaText(events), reference);
        });
      }

      it(`${kmStreamStyle} + closeWithoutTerminal: cut off, partial text kept`, async () => {
        withFault({ kind: 'closeWithoutTerminal', afterDeltas: 3 }, { kmStreamStyle });
        const events = await send(provider(), {});
        const end = errorOf(events);
        assert.equal(end.error.kind, 'protocol');
        assert.equal(end.partialText, deltaText(events));
        assert.equal(events.filter((e) => e.type === 'delta').length, 3);
        assert.equal(end.conversationId, storyOf(events));
      });

      it(`${kmStreamStyle} + errorEventMidStream: an error with the partial text`, async () => {
        withFault({ kind: 'errorEventMidStream', afterDeltas: 2 }, { kmStreamStyle });
        const end = errorOf(await send(provider(), {}));
        assert.notEqual(end.error.kind, 'protocol');
        assert.match(end.error.userMessage, /simulated/);
        assert.ok(end.partialText.length > 0);
      });
    }

    for (const kmStreamStyle of ['raw', 'sse', 'ndjson'] as const) {
      it(`${kmStreamStyle} + resetMidStream: network error, partial text kept`, async () => {
        withFault({ kind: 'resetMidStream', afterDeltas: 2 }, { kmStreamStyle });
        const events = await send(provider(), {});
        const end = errorOf(events);
        assert.equal(end.error.kind, 'network');
        assert.equal(end.partialText, deltaText(events));
        assert.ok(end.partialText.length > 0);
      });

      it(`${kmStreamStyle} + stallMidStream: idle time-out, partial text kept`, async () => {
        t = testHttp({ idleTimeoutMs: 300 });
        withFault({ kind: 'stallMidStream', afterDeltas: 2 }, { kmStreamStyle });
        const end = errorOf(await send(provider(), {}));
        assert.equal(end.error.kind, 'timeout');
        assert.ok(end.partialText.length > 0);
      });

      it(`${kmStreamStyle} + oversizedEvent and longAnswer arrive whole`, async () => {
        withFault({ kind: 'oversizedEvent', bytes: 2_000_000 }, { kmStreamStyle });
        const big = await send(provider(), {});
        assert.ok(completeText(big).includes('x'.repeat(2_000_000)));
        withFault({ kind: 'longAnswer', deltas: 500 }, { kmStreamStyle });
        const long = await send(provider(), {});
        assert.equal(completeText(long), deltaText(long));
      });
    }

    it('raw + oneByteChunks: multi-byte characters split across chunks decode intact', async () => {
      const reference = completeText(await send(provider(), {}));
      sim.reset();
      withFault({ kind: 'oneByteChunks' });
      const events = await send(provider(), {});
      assert.equal(completeText(events), reference);
      assert.ok(!completeText(events).includes('\uFFFD'));
    });

    it('raw + closeWithoutTerminal: raw text has no end marker, so a clean close is the whole answer', async () => {
      withFault({ kind: 'closeWithoutTerminal', afterDeltas: 3 });
      const events = await send(provider(), {});
      assert.equal(terminal(events).type, 'complete');
    });
  });
});
