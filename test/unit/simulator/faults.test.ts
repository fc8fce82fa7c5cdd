import * as assert from 'node:assert/strict';
import { createParser, type EventSourceMessage } from 'eventsource-parser';
import { Agent, FormData, fetch, request } from 'undici';
import {
  DEMO_CREDENTIALS,
  startSimulator,
  type Fault,
  type Simulator,
} from '../../simulator/server';
import {
  KM_AUTH,
  TE_AUTH,
  TE_JSON,
  call,
  json,
  newConversation,
  rawRequest,
  sseBlocks,
  streamHead,
  teDeltaText,
} from './helpers';

/** Parses SSE with the same spec-compliant parser the client uses. */
function parseSse(text: string): EventSourceMessage[] {
  const events: EventSourceMessage[] = [];
  const parser = createParser({ onEvent: (e) => events.push(e) });
  parser.feed(text);
  return events;
}

function deltaText(events: EventSourceMessage[]): string {
  return events
    .filter((e) => e.event === 'delta')
    .map((e) => (JSON.parse(e.data) as { content: string }).content)
    .join('');
}

function completeText(events: EventSourceMessage[]): string | undefined {
  const complete = events.find((e) => e.event === 'complete');
  return complete
    ? (JSON.parse(complete.data) as { message: { content: string } }).message.content
    : undefined;
}

describe('simulator: faults', () => {
  let sim: Simulator;
  before(async () => {
    sim = await startSimulator({ port: 0, tokenDelayMs: 0 });
  });
  after(() => sim.stop());
  beforeEach(() => sim.reset());

  /** A TwinExpert stream over a raw socket with `fault` in the x-sim-fault header. */
  async function teStream(fault: Fault) {
    const id = await newConversation(sim);
    const body = JSON.stringify({ content: 'Xin chào thế giới' });
    return rawRequest(sim, streamHead(sim, id, `x-sim-fault: ${JSON.stringify(fault)}\n`), body);
  }

  describe('cuts', () => {
    it('closeWithoutTerminal: a clean chunked end after N deltas, no complete event', async () => {
      const raw = await teStream({ kind: 'closeWithoutTerminal', afterDeltas: 3 });
      assert.equal(raw.status, 200);
      assert.equal(raw.reset, false);
      const events = parseSse(raw.body.toString('utf8'));
      assert.deepEqual(
        events.map((e) => e.event),
        ['progress', 'delta', 'delta', 'delta'],
      );
    });

    it('errorEventMidStream: an error event after N deltas, then the end', async () => {
      const raw = await teStream({ kind: 'errorEventMidStream', afterDeltas: 1 });
      const events = parseSse(raw.body.toString('utf8'));
      assert.deepEqual(
        events.map((e) => e.event),
        ['progress', 'delta', 'error'],
      );
      const error = JSON.parse(events[2]?.data ?? '') as { message: string; error: string };
      assert.match(error.message, /simulated/);
    });

    it('resetMidStream: the connection is reset and no complete event arrives', async () => {
      const raw = await teStream({ kind: 'resetMidStream', afterDeltas: 2 });
      assert.equal(raw.reset, true);
      assert.ok(!raw.body.toString('utf8').includes('event: complete'));
    });

    it('resetMidStream makes an undici body read fail', async () => {
      const id = await newConversation(sim);
      const res = await request(`${sim.url}/api/v1/conversations/${id}/messages/stream`, {
        method: 'POST',
        headers: { ...TE_JSON, 'x-sim-fault': JSON.stringify({ kind: 'resetMidStream' }) },
        body: JSON.stringify({ content: 'x' }),
      });
      assert.equal(res.statusCode, 200);
      await assert.rejects(res.body.text());
    });

    it('stallMidStream: silent after N deltas until the client leaves, then the server is fine', async () => {
      const id = await newConversation(sim);
      const controller = new AbortController();
      const res = await request(`${sim.url}/api/v1/conversations/${id}/messages/stream`, {
        method: 'POST',
        headers: {
          ...TE_JSON,
          'x-sim-fault': JSON.stringify({ kind: 'stallMidStream', afterDeltas: 2 }),
        },
        body: JSON.stringify({ content: 'x' }),
        signal: controller.signal,
      });
      const iterator = res.body[Symbol.asyncIterator]();
      let text = '';
      for (let i = 0; i < 1000 && (text.match(/event: delta/g) ?? []).length < 2; i++) {
        const next = await iterator.next();
        if (next.done) break;
        text += Buffer.from(next.value as Uint8Array).toString('utf8');
      }
      assert.equal((text.match(/event: delta/g) ?? []).length, 2);
      // Nothing else comes: a healthy stream would finish in a few ms at tokenDelayMs 0.
      const quiet = await Promise.race([
        iterator.next().then(() => 'data'),
        new Promise((resolve) => setTimeout(() => resolve('quiet'), 300)),
      ]);
      assert.equal(quiet, 'quiet');
      controller.abort();
      assert.equal((await call(`${sim.url}/api/v1/twins`, { headers: TE_AUTH })).status, 200);
    });

    it('stop() ends a stalled stream promptly', async () => {
      const own = await startSimulator({
        port: 0,
        tokenDelayMs: 0,
        config: { fault: { kind: 'stallMidStream', afterDeltas: 0 }, faultMatch: '/stream' },
      });
      const id = await newConversation(own);
      const res = await request(`${own.url}/api/v1/conversations/${id}/messages/stream`, {
        method: 'POST',
        headers: TE_JSON,
        body: JSON.stringify({ content: 'x' }),
      });
      assert.equal(res.statusCode, 200);
      const reading = res.body.text().then(
        (t) => t,
        () => 'aborted',
      );
      await own.stop();
      const text = await reading;
      assert.ok(!text.includes('event: delta'));
    });
  });

  describe('framing', () => {
    it('malformedSse: junk lines a spec parser skips; the answer is unchanged', async () => {
      const raw = await teStream({ kind: 'malformedSse' });
      const text = raw.body.toString('utf8');
      assert.ok(text.includes('this line has no colon\n'));
      assert.ok(text.includes('retry: soon\n'));
      assert.ok(text.includes('event:delta\ndata:{'), 'compact fields without the optional space');
      const events = parseSse(text);
      assert.ok(events.some((e) => e.event === 'sim-unknown'));
      assert.equal(deltaText(events), completeText(events));
    });

    it('crlf: every line ends with CRLF and parses the same', async () => {
      const raw = await teStream({ kind: 'crlf' });
      const text = raw.body.toString('utf8');
      assert.ok(text.includes('\r\n\r\n'));
      assert.equal(text.replace(/\r\n/g, '').includes('\n'), false, 'no bare LF');
      const events = parseSse(text);
      assert.equal(deltaText(events), completeText(events));
    });

    it('bom: the body starts with a UTF-8 BOM', async () => {
      const raw = await teStream({ kind: 'bom' });
      assert.deepEqual([...raw.body.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
      assert.ok(raw.body.subarray(3).toString('utf8').startsWith('event: progress\n'));
    });

    it('heartbeats: comment lines before and between events', async () => {
      const raw = await teStream({ kind: 'heartbeats' });
      const text = raw.body.toString('utf8');
      assert.ok(text.startsWith(': keep-alive\n\n'));
      const comments: string[] = [];
      const parser = createParser({ onEvent: () => undefined, onComment: (c) => comments.push(c) });
      parser.feed(text);
      assert.ok(comments.length > 3);
    });

    it('oneByteChunks: every HTTP chunk is one byte, splitting multi-byte characters', async () => {
      const raw = await teStream({ kind: 'oneByteChunks' });
      assert.ok(raw.chunks.length > 100);
      assert.ok(raw.chunks.every((c) => c.length === 1));
      const text = raw.body.toString('utf8');
      assert.ok(!text.includes('\uFFFD'));
      assert.ok(text.includes('🌏') && text.includes('Trả lời'));
      const events = parseSse(text);
      assert.equal(deltaText(events), completeText(events));
    });

    it('oversizedEvent: one data line of the requested size', async () => {
      const raw = await teStream({ kind: 'oversizedEvent', bytes: 2 * 1024 * 1024 });
      const lines = raw.body.toString('utf8').split('\n');
      const longest = Math.max(...lines.map((l) => l.length));
      assert.ok(longest > 2 * 1024 * 1024);
      const events = parseSse(raw.body.toString('utf8'));
      assert.equal(deltaText(events), completeText(events));
    });

    it('longAnswer: exactly N deltas', async () => {
      const raw = await teStream({ kind: 'longAnswer', deltas: 500 });
      const events = sseBlocks(raw.body.toString('utf8'));
      assert.equal(events.filter((e) => e.event === 'delta').length, 500);
      assert.ok(teDeltaText(events).includes('Đoạn 499'));
    });
  });

  describe('whole-response faults', () => {
    it('rateLimit with Retry-After in seconds (TwinExpert body)', async () => {
      const reply = await call(`${sim.url}/api/v1/twins`, {
        headers: {
          ...TE_AUTH,
          'x-sim-fault': JSON.stringify({ kind: 'rateLimit', retryAfter: 'seconds', seconds: 7 }),
        },
      });
      assert.equal(reply.status, 429);
      assert.equal(reply.headers['retry-after'], '7');
      assert.equal(reply.headers['x-ratelimit-remaining'], '0');
      assert.equal((await json(reply)).statusCode, 429);
    });

    it('rateLimit with Retry-After as an HTTP date (KamiMind body)', async () => {
      const fd = new FormData();
      fd.append('bot_token', DEMO_CREDENTIALS.kamiMindBotToken);
      fd.append('message', 'x');
      const fault = { kind: 'rateLimit', retryAfter: 'date', seconds: 120 };
      const res = await fetch(`${sim.url}/public/v1/response`, {
        method: 'POST',
        headers: { ...KM_AUTH, 'x-sim-fault': JSON.stringify(fault) },
        body: fd,
      });
      assert.equal(res.status, 429);
      const retryAfter = res.headers.get('retry-after') ?? '';
      assert.match(retryAfter, /^[A-Z][a-z]{2}, \d\d [A-Z][a-z]{2} \d{4} \d\d:\d\d:\d\d GMT$/);
      assert.ok(Date.parse(retryAfter) > Date.now());
      assert.equal(((await res.json()) as { success: boolean }).success, false);
    });

    for (const status of [500, 502, 503] as const) {
      it(`httpError ${status}: an HTML body`, async () => {
        const reply = await call(`${sim.url}/api/v1/twins`, {
          headers: { ...TE_AUTH, 'x-sim-fault': JSON.stringify({ kind: 'httpError', status }) },
        });
        assert.equal(reply.status, status);
        assert.equal(reply.headers['content-type'], 'text/html');
        assert.ok(reply.text.startsWith(`<html>\r\n<head><title>${status} `));
      });
    }

    it('nonJson200: a 200 HTML page where JSON was expected', async () => {
      const reply = await call(`${sim.url}/api/v1/twins`, {
        headers: { ...TE_AUTH, 'x-sim-fault': JSON.stringify({ kind: 'nonJson200' }) },
      });
      assert.equal(reply.status, 200);
      assert.match(reply.headers['content-type'] ?? '', /^text\/html/);
      assert.throws(() => JSON.parse(reply.text) as unknown);
    });

    it('delayHeaders: holds the headers back (a short client headers time-out fires)', async () => {
      const agent = new Agent({ headersTimeout: 100 });
      try {
        await assert.rejects(
          request(`${sim.url}/api/v1/twins`, {
            headers: {
              ...TE_AUTH,
              'x-sim-fault': JSON.stringify({ kind: 'delayHeaders', ms: 10_000 }),
            },
            dispatcher: agent,
          }),
          (error: Error & { code?: string }) => error.code === 'UND_ERR_HEADERS_TIMEOUT',
        );
        const ok = await call(`${sim.url}/api/v1/twins`, {
          headers: { ...TE_AUTH, 'x-sim-fault': JSON.stringify({ kind: 'delayHeaders', ms: 20 }) },
        });
        assert.equal(ok.status, 200);
      } finally {
        await agent.close();
      }
    });
  });

  describe('faults on non-streaming answers and KamiMind streams', () => {
    it('closeWithoutTerminal truncates a JSON answer', async () => {
      const id = await newConversation(sim);
      const reply = await call(`${sim.url}/api/v1/conversations/${id}/messages`, {
        method: 'POST',
        headers: { ...TE_JSON, 'x-sim-fault': JSON.stringify({ kind: 'closeWithoutTerminal' }) },
        body: JSON.stringify({ content: 'x' }),
      });
      assert.equal(reply.status, 201);
      assert.ok(reply.text.startsWith('{"success":true'));
      assert.throws(() => JSON.parse(reply.text) as unknown);
    });

    it('bom prefixes a JSON answer', async () => {
      const id = await newConversation(sim);
      const res = await request(`${sim.url}/api/v1/conversations/${id}/messages`, {
        method: 'POST',
        headers: { ...TE_JSON, 'x-sim-fault': JSON.stringify({ kind: 'bom' }) },
        body: JSON.stringify({ content: 'x' }),
      });
      const bytes = Buffer.from(await res.body.arrayBuffer());
      assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    });

    const kmForm = (streaming: string) => {
      const fd = new FormData();
      fd.append('bot_token', DEMO_CREDENTIALS.kamiMindBotToken);
      fd.append('message', 'Chào bạn');
      fd.append('streaming', streaming);
      return fd;
    };

    it('KamiMind raw stream in one-byte chunks still decodes to the full answer', async () => {
      const res = await fetch(`${sim.url}/public/v1/response`, {
        method: 'POST',
        headers: { ...KM_AUTH, 'x-sim-fault': JSON.stringify({ kind: 'oneByteChunks' }) },
        body: kmForm('true'),
      });
      const text = await res.text();
      assert.ok(text.includes('> Chào bạn') && text.endsWith('🚀'));
    });

    it('KamiMind raw stream: an error mid-stream can only be a reset', async () => {
      const res = await fetch(`${sim.url}/public/v1/response`, {
        method: 'POST',
        headers: { ...KM_AUTH, 'x-sim-fault': JSON.stringify({ kind: 'errorEventMidStream' }) },
        body: kmForm('true'),
      });
      await assert.rejects(res.text());
    });

    it('KamiMind NDJSON: error line mid-stream; heartbeats are blank lines', async () => {
      const headers = (fault: Fault) => ({
        ...KM_AUTH,
        'x-sim-config': JSON.stringify({ kmStreamStyle: 'ndjson' }),
        'x-sim-fault': JSON.stringify(fault),
      });
      const url = `${sim.url}/public/v1/response`;
      const errored = await (
        await fetch(url, {
          method: 'POST',
          headers: headers({ kind: 'errorEventMidStream', afterDeltas: 1 }),
          body: kmForm('true'),
        })
      ).text();
      const lines = errored.split('\n').filter(Boolean);
      assert.equal(lines.length, 2);
      assert.equal((JSON.parse(lines[1] ?? '') as { success: boolean }).success, false);
      const beats = await (
        await fetch(url, {
          method: 'POST',
          headers: headers({ kind: 'heartbeats' }),
          body: kmForm('true'),
        })
      ).text();
      assert.ok(beats.startsWith('\n'));
      assert.ok(beats.includes('}\n\n{'));
      const parsed = beats
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as { done: boolean });
      assert.equal(parsed.at(-1)?.done, true);
    });
  });
});
