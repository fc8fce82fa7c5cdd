// Transport faults of real servers and proxies, each from a 127.0.0.1 server writing exact bytes,
// read by the real provider clients.
import * as assert from 'node:assert/strict';
import type * as http from 'node:http';
import * as zlib from 'node:zlib';
import { createKamiMindProvider } from '../../../src/providers/kamiMind';
import { createTwinExpertProvider } from '../../../src/providers/twinExpert';
import type { HttpClient } from '../../../src/providers/http/types';
import type { ChatProvider } from '../../../src/providers/types';
import { eventually } from '../../harness/eventually';
import {
  KM_BOT,
  KM_TOKEN,
  TE_KEY,
  completeText,
  deltaText,
  errorOf,
  send,
  testHttp,
} from './helpers';
import { startRawServer, type RawServer } from './rawServer';

const SSE = { 'content-type': 'text/event-stream' };

function teDelta(text: string): string {
  return `event: message\ndata: ${JSON.stringify({ type: 'delta', content: text })}\n\n`;
}

function kmDelta(text: string): string {
  return `data: ${JSON.stringify({ success: true, data: { message: text } })}\n\n`;
}

function te(server: RawServer, client: HttpClient): ChatProvider {
  return createTwinExpertProvider({
    baseUrl: `${server.url}/api/v1`,
    getApiKey: () => Promise.resolve(TE_KEY),
    http: client,
  });
}

function km(server: RawServer, client: HttpClient): ChatProvider {
  return createKamiMindProvider({
    baseUrl: server.url,
    getToken: () => Promise.resolve(KM_TOKEN),
    listBots: () => Promise.resolve([{ id: 'bot-1', label: 'Demo bot' }]),
    getBotToken: () => Promise.resolve(KM_BOT),
    http: client,
  });
}

const VENDORS = [
  { name: 'TwinExpert', provider: te, delta: teDelta },
  { name: 'KamiMind', provider: km, delta: kmDelta },
] as const;

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

  it('a compressed stream the server holds open after its last event is closed by the client', async () => {
    let serverSawClose = false;
    const server = await startRawServer((req, res) => {
      req.resume();
      res.on('close', () => (serverSawClose = true));
      // A proxy that compresses anyway, and a server that keeps the stream open after `done`.
      res.writeHead(200, { ...SSE, 'content-encoding': 'gzip' });
      const gzip = zlib.createGzip();
      gzip.pipe(res);
      gzip.write(teDelta('Xin chào') + 'event: done\ndata: {"type":"done"}\n\n');
      gzip.flush();
    });
    // The idle time-out is a minute away: only the client letting go can close this socket.
    const { http: client } = testHttp({ idleTimeoutMs: 60_000 });
    try {
      const events = await send(te(server, client), { conversationId: 'c-1' });
      assert.equal(completeText(events), 'Xin chào');
      await eventually(
        () => serverSawClose && server.openConnections() === 0,
        'the client to close the finished stream',
        { timeoutMs: 5_000 },
      );
    } finally {
      await server.close();
      await client.close();
    }
  });
});
