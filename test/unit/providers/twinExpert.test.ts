import * as assert from 'node:assert/strict';
import { createTwinExpertProvider } from '../../../src/providers/twinExpert';
import type { Fault, Simulator, SimulatorConfig } from '../../simulator/server';
import { startSimulator, DEMO_CREDENTIALS } from '../../simulator/server';
import {
  completeText,
  deltaText,
  errorOf,
  send,
  shape,
  teProvider,
  terminal,
  testHttp,
  type TestHttp,
} from './helpers';

describe('TwinExpert provider against the simulator', () => {
  let sim: Simulator;
  let t: TestHttp;

  before(async () => {
    sim = await startSimulator({ port: 0, tokenDelayMs: 0, twinCount: 250 });
  });
  after(() => sim.stop());
  beforeEach(() => {
    sim.reset();
    t = testHttp();
  });
  afterEach(() => t.http.close());

  const provider = () => teProvider(sim, t.http);
  const withFault = (fault: Fault, extra: Partial<SimulatorConfig> = {}) =>
    sim.configure({ fault, ...extra });

  describe('listTargets / checkConnection', () => {
    it('lists every twin across pages', async () => {
      const twins = await provider().listTargets();
      assert.equal(twins.length, 250);
      assert.equal(new Set(twins.map((x) => x.id)).size, 250);
      assert.deepEqual(twins[0], {
        provider: 'twinexpert',
        id: 'twin-typescript',
        label: 'Chuyên gia TypeScript',
        description: 'Giải đáp về TypeScript, Node.js và VS Code.',
      });
      const pages = sim.requests.filter((r) => r.path === '/api/v1/twins').map((r) => r.query.page);
      assert.deepEqual(pages, ['1', '2', '3']);
    });

    it('checks the connection with one cheap call', async () => {
      const check = await provider().checkConnection();
      assert.equal(check.ok, true, check.detail);
      assert.equal(sim.requests.length, 1);
      assert.equal(sim.requests[0]?.query.limit, '1');
    });

    it('reports a rejected key from checkConnection without throwing', async () => {
      const check = await teProvider(sim, t.http, 'ak_revoked0123456789abcdef').checkConnection();
      assert.equal(check.ok, false);
      assert.equal(check.error?.kind, 'auth');
      assert.match(check.detail, /Set TwinExpert API Key/);
    });
  });

  describe('send', () => {
    it('creates a conversation, then streams progress, deltas and complete', async () => {
      const events = await send(provider(), { text: 'Xin chào 👋' });
      assert.deepEqual(shape(events), ['conversation', 'progress', 'delta+', 'complete']);
      const first = events[0];
      assert.ok(first?.type === 'conversation');
      const end = terminal(events);
      assert.ok(end.type === 'complete');
      assert.equal(end.text, deltaText(events));
      assert.equal(end.conversationId, first.conversationId);
      assert.match(end.text, /Xin chào 👋/);
      const [create, stream] = sim.requests;
      assert.equal(create?.path, '/api/v1/conversations');
      assert.deepEqual((create?.json as { twinId: string }).twinId, 'twin-typescript');
      assert.equal(stream?.path, `/api/v1/conversations/${first.conversationId}/messages/stream`);
      assert.deepEqual(stream?.json, { content: 'Xin chào 👋' });
      assert.equal(stream?.headers.authorization, `Bearer ${DEMO_CREDENTIALS.twinExpertApiKey}`);
    });

    it('continues an existing conversation without creating another', async () => {
      const first = await send(provider(), { text: 'một' });
      const id = first[0]?.type === 'conversation' ? first[0].conversationId : '';
      const second = await send(provider(), { text: 'hai', conversationId: id });
      assert.deepEqual(shape(second), ['progress', 'delta+', 'complete']);
      assert.match(completeText(second), /lượt 2/);
      assert.equal(terminal(second).conversationId, id);
    });

    for (const teSseStyle of ['named', 'typed', 'both'] as const) {
      for (const teDone of [false, true]) {
        it(`accepts SSE style ${teSseStyle}${teDone ? ' with [DONE]' : ''}`, async () => {
          sim.configure({ teSseStyle, teDone });
          const events = await send(provider(), {});
          assert.deepEqual(shape(events), ['conversation', 'progress', 'delta+', 'complete']);
          assert.equal(completeText(events), deltaText(events));
        });
      }
    }

    for (const teJsonShape of ['assistantMessage', 'content'] as const) {
      it(`reads the non-streaming answer shape ${teJsonShape}`, async () => {
        sim.configure({ teJsonShape });
        const events = await send(provider(), { stream: false });
        assert.deepEqual(shape(events), ['conversation', 'complete']);
        assert.match(completeText(events), /Xin chào 👋/);
        assert.ok(sim.requests.some((r) => r.path.endsWith('/messages')));
      });
    }

    it('refuses attachments before any request: TwinExpert has no upload endpoint', async () => {
      const events = await send(provider(), {
        attachments: [{ name: 'a.txt', size: 1, data: new Uint8Array([65]) }],
      });
      assert.equal(errorOf(events).error.kind, 'badRequest');
      assert.equal(sim.requests.length, 0);
    });
  });

  describe('history (undocumented endpoint, feature-detected)', () => {
    it('reads GET /conversations/{id}/messages when the server has it', async () => {
      sim.configure({ teMessageHistory: true });
      const events = await send(provider(), { text: 'một' });
      const id = events[0]?.type === 'conversation' ? events[0].conversationId : '';
      const history = await provider().history!(id);
      assert.deepEqual(
        history.map((m) => [m.role, m.text.slice(0, 3)]),
        [
          ['user', 'một'],
          ['assistant', completeText(events).slice(0, 3)],
        ],
      );
      assert.ok(history.every((m) => m.time && !Number.isNaN(Date.parse(m.time))));
    });

    it('reports notFound when the server has no history endpoint', async () => {
      const events = await send(provider(), {});
      const id = events[0]?.type === 'conversation' ? events[0].conversationId : '';
      await assert.rejects(provider().history!(id), { kind: 'notFound' });
    });
  });

  describe('errors', () => {
    it('checks the key format locally first', async () => {
      const events = await send(teProvider(sim, t.http, '123456'), {});
      const { error } = errorOf(events);
      assert.equal(error.kind, 'auth');
      assert.match(error.userMessage, /ak_/);
      assert.equal(sim.requests.length, 0);
    });

    it('says how to set a missing key', async () => {
      const noKey = createTwinExpertProvider({
        baseUrl: sim.url,
        getApiKey: () => Promise.resolve(undefined),
        http: t.http,
      });
      const { error } = errorOf(await send(noKey, {}));
      assert.equal(error.kind, 'auth');
      assert.match(error.userMessage, /Run "Twin Chat: Set TwinExpert API Key"/);
    });

    for (const teErrorEnvelope of ['nest', 'documented'] as const) {
      it(`maps 401 / 403 / 404 / 400 in the ${teErrorEnvelope} envelope`, async () => {
        sim.configure({ teErrorEnvelope });
        const auth = errorOf(
          await send(teProvider(sim, t.http, 'ak_revoked0123456789abcdef'), {}),
        ).error;
        assert.equal(auth.kind, 'auth');
        assert.equal(auth.status, 401);
        assert.equal(
          auth.userMessage,
          'TwinExpert rejected the API key ("Invalid API key"). Run "Twin Chat: Set TwinExpert API Key" to enter a new one.',
        );
        const readOnly = teProvider(sim, t.http, DEMO_CREDENTIALS.twinExpertReadOnlyKey);
        assert.equal(errorOf(await send(readOnly, {})).error.kind, 'forbidden');
        const missing = errorOf(await send(provider(), { targetId: 'no-such-twin' })).error;
        assert.equal(missing.kind, 'notFound');
        const gone = errorOf(
          await send(provider(), { conversationId: 'no-such-conversation' }),
        ).error;
        assert.equal(gone.kind, 'notFound');
        const empty = errorOf(await send(provider(), { text: '   ' })).error;
        assert.equal(empty.kind, 'badRequest');
        assert.match(empty.userMessage, /content should not be empty; content must be a string/);
        if (teErrorEnvelope === 'documented') assert.match(auth.requestId ?? '', /^req_/);
      });
    }

    it('keeps the conversation id on an error after the conversation was created', async () => {
      withFault({ kind: 'httpError', status: 500 }, { faultMatch: 'stream' });
      const events = await send(provider(), {});
      assert.deepEqual(shape(events), ['conversation', 'error']);
      const end = errorOf(events);
      assert.equal(end.error.kind, 'server');
      assert.equal(end.error.status, 500);
      assert.ok(end.conversationId);
    });
  });

  describe('faults', () => {
    const clean = async (): Promise<string[]> => {
      const events = await send(provider(), { conversationId: await conversation() });
      return events
        .filter((e) => e.type === 'delta')
        .map((e) => (e.type === 'delta' ? e.text : ''));
    };
    const conversation = async (): Promise<string> => {
      const events = await send(provider(), { stream: false, text: 'mở đầu' });
      return events[0]?.type === 'conversation' ? events[0].conversationId : '';
    };

    for (const kind of ['malformedSse', 'crlf', 'bom', 'heartbeats', 'oneByteChunks'] as const) {
      it(`${kind}: yields exactly the clean event sequence`, async () => {
        const reference = await clean();
        sim.reset();
        withFault({ kind }, { faultMatch: 'stream' });
        const events = await send(provider(), { conversationId: await conversation() });
        assert.deepEqual(shape(events), ['progress', 'delta+', 'complete']);
        assert.deepEqual(
          events.filter((e) => e.type === 'delta').map((e) => (e.type === 'delta' ? e.text : '')),
          reference,
        );
        assert.equal(completeText(events), reference.join(''));
      });
    }

    it('closeWithoutTerminal: a protocol error that keeps the partial text', async () => {
      withFault({ kind: 'closeWithoutTerminal', afterDeltas: 3 }, { faultMatch: 'stream' });
      const events = await send(provider(), {});
      const end = errorOf(events);
      assert.equal(end.error.kind, 'protocol');
      assert.match(end.error.userMessage, /^The answer was cut off before it finished\./);
      assert.equal(events.filter((e) => e.type === 'delta').length, 3);
      assert.equal(end.partialText, deltaText(events));
      assert.ok(end.partialText.length > 0);
    });

    it('errorEventMidStream: a server error with the partial text', async () => {
      withFault({ kind: 'errorEventMidStream', afterDeltas: 2 }, { faultMatch: 'stream' });
      const end = errorOf(await send(provider(), {}));
      assert.equal(end.error.kind, 'server');
      assert.match(end.error.userMessage, /simulated/);
      assert.ok(end.partialText.length > 0);
    });

    it('resetMidStream: a network error with the partial text, and no retry', async () => {
      withFault({ kind: 'resetMidStream', afterDeltas: 2 }, { faultMatch: 'stream' });
      const end = errorOf(await send(provider(), {}));
      assert.equal(end.error.kind, 'network');
      assert.ok(end.partialText.length > 0);
      assert.equal(sim.requests.filter((r) => r.path.endsWith('/stream')).length, 1);
    });

    it('stallMidStream: the idle time-out ends it with the partial text', async () => {
      t = testHttp({ idleTimeoutMs: 300 });
      withFault({ kind: 'stallMidStream', afterDeltas: 2 }, { faultMatch: 'stream' });
      const events = await send(provider(), {});
      const end = errorOf(events);
      assert.equal(end.error.kind, 'timeout');
      assert.equal(end.partialText, deltaText(events));
      assert.equal(events.filter((e) => e.type === 'delta').length, 2);
    });

    it('delayHeaders: the first-byte time-out fires and the POST is not retried', async () => {
      t = testHttp({ firstByteTimeoutMs: 300 });
      withFault({ kind: 'delayHeaders', ms: 3000 }, { faultMatch: 'stream' });
      const end = errorOf(await send(provider(), {}));
      assert.equal(end.error.kind, 'timeout');
      assert.equal(sim.requests.filter((r) => r.path.endsWith('/stream')).length, 1);
    });

    for (const retryAfter of ['seconds', 'date'] as const) {
      it(`rateLimit (${retryAfter}): waits the short Retry-After once, then succeeds`, async () => {
        withFault(
          { kind: 'rateLimit', retryAfter, seconds: 1 },
          { faultOnce: true, faultMatch: 'stream' },
        );
        const started = Date.now();
        const events = await send(provider(), {});
        assert.ok(completeText(events).length > 0);
        assert.equal(sim.requests.filter((r) => r.path.endsWith('/stream')).length, 2);
        assert.ok(Date.now() - started >= 500, 'honoured Retry-After');
      });

      it(`rateLimit (${retryAfter}): a long Retry-After is reported, not waited for`, async () => {
        withFault({ kind: 'rateLimit', retryAfter, seconds: 120 });
        const { error } = errorOf(await send(provider(), {}));
        assert.equal(error.kind, 'rateLimited');
        assert.ok(
          error.retryAfterSeconds !== undefined && Math.abs(error.retryAfterSeconds - 120) <= 2,
        );
        assert.match(error.userMessage, /Try again in 1[12]\d s\.$/);
        assert.equal(sim.requests.length, 1);
      });
    }

    for (const status of [502, 503] as const) {
      it(`httpError ${status}: retried before any answer byte`, async () => {
        withFault({ kind: 'httpError', status }, { faultOnce: true, faultMatch: 'stream' });
        assert.ok(completeText(await send(provider(), {})).length > 0);
        assert.equal(sim.requests.filter((r) => r.path.endsWith('/stream')).length, 2);
      });
    }

    it('httpError 503 that persists: a server error after the bounded attempts', async () => {
      withFault({ kind: 'httpError', status: 503 }, { faultMatch: 'stream' });
      const { error } = errorOf(await send(provider(), {}));
      assert.equal(error.kind, 'server');
      assert.equal(error.status, 503);
      assert.equal(sim.requests.filter((r) => r.path.endsWith('/stream')).length, 3);
    });

    it('httpError 500: not retried', async () => {
      withFault({ kind: 'httpError', status: 500 });
      const { error } = errorOf(await send(provider(), {}));
      assert.equal(error.kind, 'server');
      assert.equal(sim.requests.length, 1);
    });

    it('nonJson200: a protocol error for the stream, the JSON answer and the twin list', async () => {
      withFault({ kind: 'nonJson200' }, { faultMatch: 'stream' });
      assert.equal(errorOf(await send(provider(), {})).error.kind, 'protocol');
      sim.configure({ faultMatch: 'messages' });
      assert.equal(errorOf(await send(provider(), { stream: false })).error.kind, 'protocol');
      sim.configure({ faultMatch: 'twins' });
      await assert.rejects(provider().listTargets(), { kind: 'protocol' });
    });

    it('oversizedEvent: a multi-megabyte delta arrives whole', async () => {
      withFault({ kind: 'oversizedEvent', bytes: 3_000_000 }, { faultMatch: 'stream' });
      const events = await send(provider(), {});
      const text = completeText(events);
      assert.ok(text.includes('x'.repeat(3_000_000)));
      assert.equal(text, deltaText(events));
    });

    it('longAnswer: thousands of deltas, all delivered in order', async () => {
      withFault({ kind: 'longAnswer', deltas: 1000 }, { faultMatch: 'stream' });
      const events = await send(provider(), {});
      assert.equal(events.filter((e) => e.type === 'delta').length, 1000);
      assert.equal(completeText(events), deltaText(events));
    });
  });
});
