import * as assert from 'node:assert/strict';
import { DEMO_CREDENTIALS, startSimulator, type Simulator } from '../../simulator/server';
import { TE_AUTH, TE_JSON, call, json, newConversation, sseBlocks, teDeltaText } from './helpers';

describe('simulator: TwinExpert REST', () => {
  let sim: Simulator;
  let api: string;
  before(async () => {
    sim = await startSimulator({ port: 0, tokenDelayMs: 0, twinCount: 7 });
    api = `${sim.url}/api/v1`;
  });
  after(() => sim.stop());
  beforeEach(() => sim.reset());

  describe('authentication', () => {
    it('rejects a malformed key with the observed NestJS body', async () => {
      const reply = await call(`${api}/twins`, { headers: { authorization: 'Bearer 123456' } });
      assert.equal(reply.status, 401);
      const body = await json(reply);
      assert.deepEqual(Object.keys(body).sort(), [
        'error',
        'message',
        'method',
        'path',
        'statusCode',
        'timestamp',
      ]);
      assert.equal(body.message, 'Invalid API key format');
      assert.equal(body.error, 'Unauthorized');
      assert.equal(body.path, '/api/v1/twins');
      assert.equal(body.method, 'GET');
      assert.match(String(body.timestamp), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    });

    it('accepts X-API-Key as well as Bearer', async () => {
      const reply = await call(`${api}/twins`, {
        headers: { 'x-api-key': DEMO_CREDENTIALS.twinExpertApiKey },
      });
      assert.equal(reply.status, 200);
    });

    it('answers a missing key, a revoked key and an expired key with 401', async () => {
      assert.equal((await call(`${api}/twins`)).status, 401);
      const revoked = await call(`${api}/twins`, {
        headers: { 'x-api-key': 'ak_revoked0123456789abc' },
      });
      assert.equal(revoked.status, 401);
      assert.equal((await json(revoked)).message, 'Invalid API key');
      const expired = await call(`${api}/twins`, {
        headers: { 'x-api-key': 'ak_expired0123456789abc' },
      });
      assert.equal((await json(expired)).message, 'API key has expired');
    });

    it('lets a read_only key read but answers 403 on writes', async () => {
      const ro = { authorization: `Bearer ${DEMO_CREDENTIALS.twinExpertReadOnlyKey}` };
      assert.equal((await call(`${api}/twins`, { headers: ro })).status, 200);
      const reply = await call(`${api}/conversations`, {
        method: 'POST',
        headers: { ...ro, 'content-type': 'application/json' },
        body: JSON.stringify({ twinId: 'twin-typescript' }),
      });
      assert.equal(reply.status, 403);
      assert.equal((await json(reply)).error, 'Forbidden');
    });

    it('uses the documented envelope when teErrorEnvelope is documented', async () => {
      sim.configure({ teErrorEnvelope: 'documented' });
      const reply = await call(`${api}/twins`, { headers: { authorization: 'Bearer nope' } });
      const body = (await json(reply)) as {
        success: boolean;
        error: string;
        statusCode: number;
        meta: { requestId: string };
      };
      assert.equal(body.success, false);
      assert.equal(body.error, 'INVALID_API_KEY');
      assert.equal(body.statusCode, 401);
      assert.match(body.meta.requestId, /^req_[0-9a-f]+$/);
    });
  });

  describe('twins', () => {
    it('pages deterministic twins with metadata and rate-limit headers', async () => {
      const reply = await call(`${api}/twins?page=2&limit=3`, { headers: TE_AUTH });
      assert.equal(reply.status, 200);
      const body = (await json(reply)) as { data: { id: string; name: string }[]; meta: unknown };
      assert.deepEqual(
        body.data.map((t) => t.id),
        ['twin-nutrition', 'twin-cloud', 'twin-0006'],
      );
      assert.deepEqual(body.meta, { page: 2, limit: 3, total: 7, totalPages: 3 });
      assert.equal(reply.headers['x-ratelimit-limit'], '500');
      assert.equal(reply.headers['x-ratelimit-remaining'], '499');
      assert.equal(reply.headers['x-ratelimit-window'], '3600');
      assert.match(reply.headers['x-ratelimit-reset'] ?? '', /^\d{10}$/);
    });

    it('rejects limit > 100 with a validation message array', async () => {
      const reply = await call(`${api}/twins?limit=101`, { headers: TE_AUTH });
      assert.equal(reply.status, 400);
      assert.deepEqual((await json(reply)).message, ['limit must not be greater than 100']);
    });

    it('returns one twin and 404 for an unknown one', async () => {
      const one = await json(await call(`${api}/twins/twin-legal`, { headers: TE_AUTH }));
      assert.equal((one.data as { name: string }).name, 'Cố vấn Pháp lý');
      const missing = await call(`${api}/twins/nope`, { headers: TE_AUTH });
      assert.equal(missing.status, 404);
      assert.equal((await json(missing)).message, 'Twin not found');
    });
  });

  describe('conversations', () => {
    it('creates with 201 and {data:{id}}, also through the POST /twins/{id} alias', async () => {
      const reply = await call(`${api}/conversations`, {
        method: 'POST',
        headers: TE_JSON,
        body: JSON.stringify({ twinId: 'twin-cloud', title: 'Kiến trúc' }),
      });
      assert.equal(reply.status, 201);
      const data = (await json(reply)).data as { id: string; title: string; twinId: string };
      assert.match(data.id, /^conv_/);
      assert.equal(data.title, 'Kiến trúc');
      const alias = await call(`${api}/twins/twin-legal`, {
        method: 'POST',
        headers: TE_JSON,
        body: '{}',
      });
      assert.equal(alias.status, 201);
      assert.equal(((await json(alias)).data as { twinId: string }).twinId, 'twin-legal');
    });

    it('validates twinId and knows unknown twins', async () => {
      const missing = await call(`${api}/conversations`, {
        method: 'POST',
        headers: TE_JSON,
        body: '{}',
      });
      assert.equal(missing.status, 400);
      assert.ok(Array.isArray((await json(missing)).message));
      const unknown = await call(`${api}/conversations`, {
        method: 'POST',
        headers: TE_JSON,
        body: JSON.stringify({ twinId: 'ghost' }),
      });
      assert.equal(unknown.status, 404);
    });

    it('lists conversations filtered by twinId', async () => {
      await newConversation(sim, 'twin-cloud');
      const id = await newConversation(sim, 'twin-legal');
      const body = await json(
        await call(`${api}/conversations?twinId=twin-legal&limit=10`, { headers: TE_AUTH }),
      );
      assert.deepEqual(
        (body.data as { id: string }[]).map((c) => c.id),
        [id],
      );
      assert.deepEqual(body.meta, { page: 1, limit: 10, total: 1, totalPages: 1 });
    });

    it('serves message history only when teMessageHistory is on', async () => {
      const id = await newConversation(sim);
      assert.equal(
        (await call(`${api}/conversations/${id}/messages`, { headers: TE_AUTH })).status,
        404,
      );
      sim.configure({ teMessageHistory: true });
      await call(`${api}/conversations/${id}/messages`, {
        method: 'POST',
        headers: TE_JSON,
        body: JSON.stringify({ content: 'Một' }),
      });
      const list = await json(
        await call(`${api}/conversations/${id}/messages`, { headers: TE_AUTH }),
      );
      assert.deepEqual(
        (list.data as { role: string }[]).map((m) => m.role),
        ['user', 'assistant'],
      );
    });
  });

  describe('messages (JSON)', () => {
    it('answers data.assistantMessage.content and counts turns', async () => {
      const id = await newConversation(sim);
      const send = (content: string) =>
        call(`${api}/conversations/${id}/messages`, {
          method: 'POST',
          headers: TE_JSON,
          body: JSON.stringify({ content }),
        });
      await send('Câu đầu tiên');
      const reply = await send('Câu thứ hai? 🤔');
      assert.equal(reply.status, 201);
      const data = (await json(reply)).data as {
        userMessage: { content: string; role: string };
        assistantMessage: { id: string; role: string; content: string };
      };
      assert.equal(data.userMessage.content, 'Câu thứ hai? 🤔');
      assert.equal(data.assistantMessage.role, 'assistant');
      const text = data.assistantMessage.content;
      assert.ok(text.includes('> Câu thứ hai? 🤔'), 'quotes the question');
      assert.ok(text.includes('turn 2'), 'mentions the turn');
      for (const needle of ['## ', '\n- ', '| Mục | Giá trị |', '```ts\n', '🚀'])
        assert.ok(text.includes(needle), needle);
    });

    it('answers data.content when teJsonShape is content', async () => {
      const id = await newConversation(sim);
      const reply = await call(`${api}/conversations/${id}/messages`, {
        method: 'POST',
        headers: { ...TE_JSON, 'x-sim-config': JSON.stringify({ teJsonShape: 'content' }) },
        body: JSON.stringify({ content: 'Xin chào' }),
      });
      const data = (await json(reply)).data as {
        content: string;
        role: string;
        assistantMessage?: unknown;
      };
      assert.equal(data.role, 'assistant');
      assert.ok(data.content.includes('> Xin chào'));
      assert.equal(data.assistantMessage, undefined);
    });

    it('rejects empty content and unknown conversations', async () => {
      const id = await newConversation(sim);
      const empty = await call(`${api}/conversations/${id}/messages`, {
        method: 'POST',
        headers: TE_JSON,
        body: '{}',
      });
      assert.equal(empty.status, 400);
      const unknown = await call(`${api}/conversations/conv_nope/messages`, {
        method: 'POST',
        headers: TE_JSON,
        body: JSON.stringify({ content: 'x' }),
      });
      assert.equal(unknown.status, 404);
      assert.equal((await json(unknown)).message, 'Conversation not found');
    });
  });

  describe('messages (SSE)', () => {
    async function stream(style: 'named' | 'typed' | 'both', done = false) {
      const id = await newConversation(sim);
      const reply = await call(`${api}/conversations/${id}/messages/stream`, {
        method: 'POST',
        headers: {
          ...TE_JSON,
          'x-sim-config': JSON.stringify({ teSseStyle: style, teDone: done }),
        },
        body: JSON.stringify({ content: 'Giải thích SSE' }),
      });
      return { reply, events: sseBlocks(reply.text) };
    }

    it('named: event lines, progress, deltas, then complete with the full message', async () => {
      const { reply, events } = await stream('named');
      assert.equal(reply.status, 200);
      assert.equal(reply.headers['content-type'], 'text/event-stream; charset=utf-8');
      assert.equal(reply.headers['cache-control'], 'no-cache');
      assert.ok(reply.headers['x-ratelimit-remaining']);
      assert.equal(events[0]?.event, 'progress');
      assert.equal(events.at(-1)?.event, 'complete');
      assert.ok(events.slice(1, -1).every((e) => e.event === 'delta'));
      const complete = JSON.parse(events.at(-1)?.data ?? '') as {
        message: { role: string; content: string };
      };
      assert.equal(complete.message.role, 'assistant');
      assert.equal(complete.message.content, teDeltaText(events));
      assert.ok(reply.text.startsWith('event: progress\ndata: {"status":"thinking",'));
      assert.ok(reply.text.endsWith('}}\n\n'));
    });

    it('typed: no event lines, a JSON type field instead', async () => {
      const { reply, events } = await stream('typed');
      assert.ok(!reply.text.includes('event:'));
      const types = events.map((e) => (JSON.parse(e.data) as { type: string }).type);
      assert.equal(types[0], 'progress');
      assert.equal(types.at(-1), 'complete');
      assert.ok(teDeltaText(events).includes('> Giải thích SSE'));
    });

    it('both, with a final data: [DONE]', async () => {
      const { reply, events } = await stream('both', true);
      assert.ok(reply.text.endsWith('\n\ndata: [DONE]\n\n'));
      const delta = events[1];
      assert.equal(delta?.event, 'delta');
      assert.equal((JSON.parse(delta?.data ?? '') as { type: string }).type, 'delta');
    });

    it('remembers streamed answers in the conversation', async () => {
      const id = await newConversation(sim);
      const body = JSON.stringify({ content: 'Một' });
      await call(`${api}/conversations/${id}/messages/stream`, {
        method: 'POST',
        headers: TE_JSON,
        body,
      });
      const second = await call(`${api}/conversations/${id}/messages/stream`, {
        method: 'POST',
        headers: TE_JSON,
        body,
      });
      assert.ok(teDeltaText(sseBlocks(second.text)).includes('turn 2'));
      const conv = await json(await call(`${api}/conversations/${id}`, { headers: TE_AUTH }));
      assert.equal((conv.data as { messageCount: number }).messageCount, 4);
    });
  });

  describe('NestJS-style request errors', () => {
    it('answers an unknown route or wrong method with "Cannot METHOD path"', async () => {
      const reply = await call(`${api}/xyz`, { headers: TE_AUTH });
      assert.equal(reply.status, 404);
      const body = await json(reply);
      assert.equal(body.message, 'Cannot GET /api/v1/xyz');
      assert.equal(body.error, 'Not Found');
      const wrong = await call(`${api}/twins`, { method: 'DELETE', headers: TE_AUTH });
      assert.equal((await json(wrong)).message, 'Cannot DELETE /api/v1/twins');
    });

    it('answers malformed JSON with 400 and the parser message', async () => {
      const reply = await call(`${api}/conversations`, {
        method: 'POST',
        headers: TE_JSON,
        body: '{"twinId":',
      });
      assert.equal(reply.status, 400);
      const body = await json(reply);
      assert.equal(body.error, 'Bad Request');
      assert.equal(typeof body.message, 'string');
    });

    it('answers an oversized JSON body with 413', async () => {
      sim.configure({ teJsonLimitBytes: 1000 });
      const reply = await call(`${api}/conversations`, {
        method: 'POST',
        headers: TE_JSON,
        body: JSON.stringify({ twinId: 'twin-cloud', title: 'x'.repeat(5000) }),
      });
      assert.equal(reply.status, 413);
      assert.equal((await json(reply)).message, 'request entity too large');
    });
  });

  describe('rate limiting', () => {
    it('counts per key and answers 429 with Retry-After when exhausted', async () => {
      sim.configure({ teRateLimit: 3 });
      const statuses: number[] = [];
      let last = await call(`${api}/twins`, { headers: TE_AUTH });
      statuses.push(last.status);
      for (let i = 0; i < 3; i++) {
        last = await call(`${api}/twins`, { headers: TE_AUTH });
        statuses.push(last.status);
      }
      assert.deepEqual(statuses, [200, 200, 200, 429]);
      assert.equal(last.headers['x-ratelimit-remaining'], '0');
      assert.match(last.headers['retry-after'] ?? '', /^\d+$/);
      assert.equal((await json(last)).statusCode, 429);
      // Another key has its own bucket.
      const other = await call(`${api}/twins`, {
        headers: { 'x-api-key': 'ak_other0123456789abcdef' },
      });
      assert.equal(other.status, 200);
    });
  });
});
