// Transport behaviour end to end: cancellation frees the socket, proxies are honoured, and no
// secret ever reaches an error or a log line.
import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import * as net from 'node:net';
import type { AddressInfo } from 'node:net';
import type { HttpResponse } from '../../../src/providers/http/types';
import { teErrorFromResponse } from '../../../src/providers/twinExpert/errorBody';
import { TWINEXPERT_SERVICE } from '../../../src/providers/twinExpert/service';
import type { ChatEvent } from '../../../src/providers/types';
import { eventually } from '../../harness/eventually';
import { startSimulator, type Simulator } from '../../simulator/server';
import {
  KM_BOT,
  KM_TOKEN,
  TE_KEY,
  collect,
  errorOf,
  kmProvider,
  send,
  teProvider,
  testHttp,
} from './helpers';

describe('cancellation', () => {
  let sim: Simulator;
  const closed: string[] = [];
  let onClose: ((line: string) => void) | undefined;

  before(async () => {
    sim = await startSimulator({
      port: 0,
      tokenDelayMs: 0,
      log: (line) => (closed.push(line), onClose?.(line)),
    });
  });
  after(() => sim.stop());

  for (const target of ['TwinExpert', 'KamiMind'] as const) {
    it(`${target}: Stop during a stall ends the stream at once and the server sees the socket close`, async () => {
      sim.reset();
      sim.configure({
        fault: { kind: 'stallMidStream', afterDeltas: 2 },
        faultMatch: target === 'TwinExpert' ? '/stream' : '/response',
        kmStreamStyle: 'sse',
      });
      const { http: client } = testHttp({ idleTimeoutMs: 60_000 });
      const provider = target === 'TwinExpert' ? teProvider(sim, client) : kmProvider(sim, client);
      const controller = new AbortController();
      let serverSawClose = false;
      onClose = (line) => {
        if (/stream|response/.test(line)) serverSawClose = true;
      };
      const events: ChatEvent[] = [];
      let abortedAt = 0;
      // The idle time-out is a minute away, so only Stop can end this loop within the test's time.
      for await (const event of provider.send(
        {
          targetId: target === 'TwinExpert' ? 'twin-typescript' : 'bot-1',
          text: 'dừng',
          stream: true,
        },
        controller.signal,
      )) {
        events.push(event);
        if (events.filter((e) => e.type === 'delta').length === 2 && abortedAt === 0) {
          abortedAt = performance.now(); // the server now holds the stream open: press Stop
          controller.abort();
        }
      }
      const endedMs = performance.now() - abortedAt;
      await eventually(() => serverSawClose, 'the server to see the socket close');
      // For reading, not asserted: wall-clock figures belong to `npm run bench`.
      console.log(`      ${target}: stream ended ${endedMs.toFixed(1)} ms after abort`);
      const end = errorOf(events);
      assert.equal(end.error.kind, 'cancelled');
      assert.ok(end.partialText.length > 0, 'partial text kept');
      await client.close();
    });
  }

  it('a consumer that stops iterating mid-stream frees the socket', async () => {
    sim.reset();
    // The server stalls after two deltas and never ends the stream itself, and the client's idle
    // time-out is a minute away: only the consumer letting go can close the socket.
    sim.configure({ fault: { kind: 'stallMidStream', afterDeltas: 2 }, faultMatch: 'stream' });
    const { http: client } = testHttp({ idleTimeoutMs: 60_000 });
    let serverSawClose = false;
    onClose = (line) => {
      if (line.includes('/messages/stream')) serverSawClose = true;
    };
    const events = teProvider(sim, client).send(
      { targetId: 'twin-typescript', text: 'thôi', stream: true },
      new AbortController().signal,
    );
    let leftMidAnswer = false;
    for await (const event of events) {
      if (event.type !== 'delta') continue;
      leftMidAnswer = true;
      break;
    }
    assert.ok(leftMidAnswer, 'the consumer stopped in the middle of the answer');
    // Fails, naming what it waited for, if the socket stays open (until the idle time-out).
    await eventually(() => serverSawClose, 'the server to see the stream socket close', {
      timeoutMs: 5_000,
    });
    await client.close();
  });

  it('an aborted signal before sending yields one cancelled event and no request', async () => {
    sim.reset();
    const { http: client } = testHttp();
    const events = await collect(
      teProvider(sim, client).send({ targetId: 'x', text: 'y', stream: true }, AbortSignal.abort()),
    );
    assert.deepEqual(
      events.map((e) => e.type),
      ['error'],
    );
    assert.equal(errorOf(events).error.kind, 'cancelled');
    assert.equal(sim.requests.length, 0);
    await client.close();
  });
});

/** A minimal CONNECT proxy, recording which authorities it tunnelled to. */
async function startConnectProxy(): Promise<{
  url: string;
  tunnels: string[];
  close: () => Promise<void>;
}> {
  const tunnels: string[] = [];
  const server = http.createServer((_req, res) => res.writeHead(405).end());
  server.on('connect', (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    tunnels.push(req.url ?? '');
    const [host, port] = (req.url ?? '').split(':');
    const upstream = net.connect(Number(port), host ?? '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    tunnels,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

describe('proxy', () => {
  let sim: Simulator;
  before(async () => {
    sim = await startSimulator({ port: 0, tokenDelayMs: 0 });
  });
  after(() => sim.stop());

  it('sends through an explicit proxy, and bypasses it for noProxy hosts', async () => {
    const proxy = await startConnectProxy();
    try {
      const via = testHttp({ proxy: { url: proxy.url, strictSSL: true } });
      assert.ok((await teProvider(sim, via.http).listTargets()).length > 0);
      await via.http.close();
      const authority = new URL(sim.url).host;
      assert.deepEqual(proxy.tunnels, [authority]);
      const bypass = testHttp({ proxy: { url: proxy.url, noProxy: ['127.0.0.1'] } });
      assert.ok((await teProvider(sim, bypass.http).listTargets()).length > 0);
      await bypass.http.close();
      assert.equal(proxy.tunnels.length, 1, 'noProxy host went direct');
    } finally {
      await proxy.close();
    }
  });

  it('an unreachable proxy is a network error that names the proxy setting', async () => {
    const { http: client } = testHttp({
      proxy: { url: 'http://127.0.0.1:1' },
      retry: { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1 },
    });
    const { error } = errorOf(await send(teProvider(sim, client), {}));
    assert.equal(error.kind, 'network');
    assert.match(error.userMessage, /proxy settings \(http\.proxy\)/);
    await client.close();
  });
});

describe('secrets never leak', () => {
  let sim: Simulator;
  before(async () => {
    sim = await startSimulator({ port: 0, tokenDelayMs: 0 });
  });
  after(() => sim.stop());

  function assertClean(texts: string[], secrets: string[]): void {
    for (const text of texts)
      for (const secret of secrets)
        assert.ok(!text.includes(secret), `leaked ${secret.slice(0, 6)}… in ${text.slice(0, 200)}`);
  }

  function errorTexts(events: ChatEvent[]): string[] {
    const end = errorOf(events);
    return [
      end.error.message,
      end.error.userMessage,
      end.error.stack ?? '',
      JSON.stringify(end),
      String(end.error),
    ];
  }

  it('TwinExpert: key absent from errors and request logs in every failure', async () => {
    const key = 'ak_revokedSECRET0123456789';
    const t = testHttp({ retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 100 } });
    const texts: string[] = [];
    texts.push(...errorTexts(await send(teProvider(sim, t.http, key), {})));
    texts.push(...errorTexts(await send(teProvider(sim, t.http, 'ak_bad key with space'), {})));
    for (const fault of [
      { kind: 'httpError', status: 503 },
      { kind: 'resetMidStream' },
      { kind: 'nonJson200' },
    ] as const) {
      sim.configure({ fault });
      texts.push(...errorTexts(await send(teProvider(sim, t.http), {})));
    }
    texts.push(JSON.stringify(t.logs));
    assertClean(texts, [key, 'ak_bad key with space', TE_KEY]);
    await t.http.close();
  });

  it('KamiMind: token and bot token absent from errors and logs', async () => {
    sim.reset();
    const t = testHttp({ retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 100 } });
    const texts: string[] = [];
    texts.push(
      ...errorTexts(
        await send(
          kmProvider(sim, t.http, { botToken: '00000000-0000-0000-0000-000000000000' }),
          {},
        ),
      ),
    );
    for (const fault of [
      { kind: 'errorEventMidStream' },
      { kind: 'httpError', status: 502 },
      { kind: 'resetMidStream' },
    ] as const) {
      sim.configure({ fault, kmStreamStyle: 'sse' });
      texts.push(...errorTexts(await send(kmProvider(sim, t.http), {})));
    }
    texts.push(JSON.stringify(t.logs));
    assertClean(texts, [KM_TOKEN, KM_BOT]);
    await t.http.close();
  });

  it('a server that echoes the key in its error message is redacted', async () => {
    const key = 'ak_echoedSECRET0123456789';
    const body = JSON.stringify({
      statusCode: 401,
      message: `Invalid API key ${key}`,
      error: 'Unauthorized',
    });
    const response: HttpResponse = {
      status: 401,
      contentType: 'application/json',
      header: () => undefined,
      body: (async function* () {})(),
      text: () => Promise.resolve(body),
      discard: () => undefined,
    };
    const error = await teErrorFromResponse(response, TWINEXPERT_SERVICE, [key]);
    assert.equal(error.kind, 'auth');
    assertClean([error.message, error.userMessage, JSON.stringify(error)], [key]);
    assert.match(error.userMessage, /Invalid API key \*\*\*/);
  });
});
