// Transport faults of real servers and proxies, each from a 127.0.0.1 server writing exact bytes,
// read by the real provider clients. Compressed bodies are in compressedBodies.test.ts.
import * as assert from 'node:assert/strict';
import type * as http from 'node:http';
import type { ProviderError } from '../../../src/providers/errors';
import type { ChatEvent } from '../../../src/providers/types';
import { eventually } from '../../harness/eventually';
import { KM_BOT, deltaText, errorOf, send, testHttp } from './helpers';
import { startRawServer, startSocketServer, type RawServer } from './rawServer';
import { SSE, VENDORS, km, te, teDelta } from './rawVendors';

function neverAborted(): AbortSignal {
  return new AbortController().signal;
}

/** How many keep-alives the server sends at most: far more time than the idle time-out allows. */
const MAX_KEEP_ALIVES = 250;
const KEEP_ALIVE_EVERY_MS = 20;

/** First words, then SSE comments for ever (bounded), as a proxy does while the model hangs. */
function keepAlivesOnly(delta: string, outcome: { closedEarly: boolean }) {
  return (req: http.IncomingMessage, res: http.ServerResponse): void => {
    req.resume();
    res.writeHead(200, SSE);
    res.write(delta);
    let sent = 0;
    const timer = setInterval(() => {
      if (sent++ < MAX_KEEP_ALIVES) return void res.write(': keep-alive\n\n');
      clearInterval(timer);
      res.end();
    }, KEEP_ALIVE_EVERY_MS);
    res.on('close', () => {
      if (sent < MAX_KEEP_ALIVES) outcome.closedEarly = true;
      clearInterval(timer);
    });
  };
}

describe('transport faults from real servers', () => {
  for (const vendor of VENDORS) {
    it(`${vendor.name}: a stream of keep-alives with no answer ends at the idle time-out, partial text kept`, async () => {
      const outcome = { closedEarly: false };
      const server = await startRawServer(keepAlivesOnly(vendor.delta('Xin '), outcome));
      // Keep-alives come every 20 ms, far inside the 300 ms idle time-out: only silence between
      // answer events, not between bytes, can end this stream before the server runs out.
      const { http: client } = testHttp({ idleTimeoutMs: 300 });
      try {
        const events = await send(vendor.provider(server, client), { conversationId: 'c-1' });
        const end = errorOf(events);
        assert.equal(end.error.kind, 'timeout', end.error.message);
        assert.match(end.error.userMessage, /did not answer in time/);
        assert.equal(end.partialText, 'Xin ');
        assert.equal(deltaText(events), 'Xin ');
        await eventually(() => outcome.closedEarly, 'the client to close the keep-alive stream');
      } finally {
        await client.close();
        await server.close();
      }
    });
  }

  /** A broken connection is not one that could not be made: no proxy hint, and the text kept. */
  function assertBroke(end: ReturnType<typeof errorOf>, vendor: string): void {
    assert.equal(end.error.kind, 'network', end.error.message);
    assert.match(end.error.userMessage, new RegExp(`connection to ${vendor} broke`));
    assert.doesNotMatch(end.error.userMessage, /Could not reach|proxy/);
  }

  for (const vendor of VENDORS) {
    it(`${vendor.name}: a connection reset inside a character says the connection broke, keeping the text so far`, async () => {
      let reset: (() => void) | undefined;
      const server = await startRawServer((req, res) => {
        req.resume();
        res.writeHead(200, SSE);
        res.write(vendor.delta('Xin '));
        const next = Buffer.from(vendor.delta('chào'));
        const halfCharacter = next.subarray(0, next.indexOf(0xc3) + 1);
        // Sent once the client has shown the first words, so the reset cannot overtake them.
        reset = () => res.write(halfCharacter, () => res.socket?.resetAndDestroy());
      });
      const { http: client } = testHttp();
      const events: ChatEvent[] = [];
      try {
        const request = { targetId: 'x', text: 'Xin chào', stream: true, conversationId: 'c-1' };
        for await (const event of vendor.provider(server, client).send(request, neverAborted())) {
          events.push(event);
          if (event.type !== 'delta' || !reset) continue;
          reset();
          reset = undefined;
        }
        const end = errorOf(events);
        assertBroke(end, vendor.name);
        assert.equal(end.partialText, 'Xin ');
        assert.equal(deltaText(events), 'Xin ');
      } finally {
        await client.close();
        await server.close();
      }
    });

    it(`${vendor.name}: a stream shorter than its Content-Length says the connection broke`, async () => {
      const server = await startRawServer((req, res) => {
        req.resume();
        const body = vendor.delta('Xin ') + vendor.delta('chào');
        const announced = Buffer.byteLength(body) + 100;
        res.writeHead(200, { ...SSE, 'content-length': String(announced) });
        res.write(body, () => res.socket?.end());
      });
      const { http: client } = testHttp();
      try {
        const events = await send(vendor.provider(server, client), { conversationId: 'c-1' });
        const end = errorOf(events);
        assertBroke(end, vendor.name);
        assert.equal(end.partialText, 'Xin chào');
      } finally {
        await client.close();
        await server.close();
      }
    });
  }

  it('TwinExpert: a chunked stream cut inside a chunk-size line says the connection broke', async () => {
    const server = await startSocketServer((socket) => {
      const event = teDelta('Xin ');
      socket.write(
        'HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n' +
          `${Buffer.byteLength(event).toString(16)}\r\n${event}\r\n` +
          '1',
        () => socket.end(),
      );
    });
    const { http: client } = testHttp();
    try {
      const events = await send(te(server, client), { conversationId: 'c-1' });
      const end = errorOf(events);
      assertBroke(end, 'TwinExpert');
      assert.equal(end.partialText, 'Xin ');
    } finally {
      await client.close();
      await server.close();
    }
  });

  it('TwinExpert: a twin list shorter than its Content-Length says the connection broke', async () => {
    const server = await startRawServer((req, res) => {
      const body = JSON.stringify({ data: [{ id: 't-1', name: 'Twin' }] });
      const announced = Buffer.byteLength(body) + 100;
      res.writeHead(200, {
        'content-type': 'application/json',
        'content-length': String(announced),
      });
      res.write(body, () => res.socket?.end());
    });
    const { http: client } = testHttp();
    try {
      const failure = await te(server, client)
        .listTargets()
        .then(
          () => assert.fail('a cut twin list was read as whole'),
          (error: unknown) => error as ProviderError,
        );
      assert.equal(failure.kind, 'network', failure.message);
      assert.match(failure.userMessage, /connection to TwinExpert broke/);
    } finally {
      await client.close();
      await server.close();
    }
  });

  describe('redirects', () => {
    let elsewhere: RawServer;
    const reachedElsewhere: string[] = [];

    before(async () => {
      elsewhere = await startRawServer((req, res) => {
        reachedElsewhere.push(`${req.method} ${req.url} ${req.headers.authorization ?? ''}`);
        res.writeHead(200, SSE).end(teDelta('moved'));
      });
    });
    after(() => elsewhere.close());

    /** An API that answers every request with a redirect to `to` + the same path. */
    async function redirecting(status: number, to: () => string) {
      const requests: string[] = [];
      const server = await startRawServer((req, res) => {
        req.resume();
        requests.push(req.url ?? '');
        res.writeHead(status, { location: `${to()}${req.url ?? ''}?token=${KM_BOT}` }).end();
      });
      return { server, requests };
    }

    function assertRefused(failure: ProviderError, vendor: string, status: number): void {
      assert.equal(failure.kind, 'protocol', failure.message);
      assert.equal(failure.status, status);
      assert.match(
        failure.userMessage,
        new RegExp(`^${vendor} redirected the request to ${elsewhere.url}/`),
      );
      assert.match(failure.userMessage, /does not follow redirects/);
      assert.ok(!failure.userMessage.includes(KM_BOT), 'the Location query is left out');
    }

    for (const status of [301, 302, 307, 308]) {
      it(`HTTP ${status} to another origin: no request goes there, and the error says where it pointed`, async () => {
        const { server } = await redirecting(status, () => elsewhere.url);
        const { http: client } = testHttp();
        try {
          const teEnd = errorOf(await send(te(server, client), { conversationId: 'c-1' }));
          assertRefused(teEnd.error, 'TwinExpert', status);
          const kmEnd = errorOf(await send(km(server, client), {}));
          assertRefused(kmEnd.error, 'KamiMind', status);
          const listed = await te(server, client)
            .listTargets()
            .then(
              () => assert.fail('a redirected twin list was read'),
              (error: unknown) => error as ProviderError,
            );
          assertRefused(listed, 'TwinExpert', status);
          assert.deepEqual(reachedElsewhere, [], 'no credential left for the other origin');
        } finally {
          await client.close();
          await server.close();
        }
      });
    }

    it('a redirect to itself is one request and an error, not a loop', async () => {
      const loop = await redirecting(302, () => loop.server.url);
      const { http: client } = testHttp();
      try {
        const end = errorOf(await send(te(loop.server, client), { conversationId: 'c-1' }));
        assert.equal(end.error.kind, 'protocol');
        assert.match(end.error.userMessage, /redirected the request/);
        assert.equal(loop.requests.length, 1);
      } finally {
        await client.close();
        await loop.server.close();
      }
    });
  });

  const WIFI_LOGIN =
    '<!DOCTYPE html><html><head><title>Wi-Fi login</title></head>' +
    '<body><h1>Đăng nhập Wi-Fi</h1><p>Please sign in to continue.</p></body></html>';

  for (const type of [undefined, 'text/plain', 'application/octet-stream']) {
    it(`KamiMind: a sign-in page in a 200 with ${type ?? 'no Content-Type'} is never shown as the answer`, async () => {
      const server = await startRawServer((req, res) => {
        req.resume();
        res.removeHeader('content-type');
        res.writeHead(200, type ? { 'content-type': type } : {}).end(WIFI_LOGIN);
      });
      const { http: client } = testHttp();
      try {
        const events = await send(km(server, client), { stream: true });
        const end = errorOf(events);
        assert.equal(end.error.kind, 'protocol');
        assert.match(end.error.userMessage, /a web page/);
        assert.equal(deltaText(events), '', 'no part of the page became answer text');
      } finally {
        await client.close();
        await server.close();
      }
    });
  }
});
