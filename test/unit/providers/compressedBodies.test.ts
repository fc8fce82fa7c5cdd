// Bodies a server or proxy compressed although Twin Chat asked for none, each from a 127.0.0.1
// server writing exact bytes, read by the real provider clients.
import * as assert from 'node:assert/strict';
import type * as http from 'node:http';
import * as zlib from 'node:zlib';
import { ProviderError } from '../../../src/providers/errors';
import type { ChatEvent } from '../../../src/providers/types';
import { eventually } from '../../harness/eventually';
import { completeText, errorOf, send, testHttp } from './helpers';
import { startRawServer } from './rawServer';
import { SSE, TE_DONE, VENDORS, te, teDelta } from './rawVendors';

const TWIN_LIST = JSON.stringify({ data: [{ id: 't-1', name: 'Twin' }] });

/** The same bytes with the compressed data itself damaged, its header left intact. */
function corrupted(bytes: Buffer): Buffer {
  const copy = Buffer.from(bytes);
  for (let at = 10; at < copy.length - 8; at++) copy[at] = 0xff;
  return copy;
}

/** Both forms "deflate" arrives in: the zlib stream HTTP names, and the bare one IIS sends. */
const DEFLATE_FORMS = [
  { name: 'zlib deflate', coding: 'deflate', start: zlib.createDeflate, encode: zlib.deflateSync },
  {
    name: 'raw deflate',
    coding: 'deflate',
    start: zlib.createDeflateRaw,
    encode: zlib.deflateRawSync,
  },
] as const;

/** A raw server whose responses note when their socket closes, and a wait for that. */
async function watchedServer(respond: (res: http.ServerResponse) => void) {
  let sawClose = false;
  const server = await startRawServer((req, res) => {
    req.resume();
    res.on('close', () => (sawClose = true));
    respond(res);
  });
  const closedByClient = (what: string) =>
    eventually(() => sawClose && server.openConnections() === 0, `the client to close ${what}`, {
      timeoutMs: 5_000,
    });
  return { server, closedByClient };
}

/** Starts an SSE response compressed by `compressor`, with `text` flushed out; left open. */
function compressedStream(
  res: http.ServerResponse,
  coding: string,
  compressor: zlib.Gzip | zlib.Deflate | zlib.DeflateRaw,
  text: string,
  flushed = (): void => undefined,
): void {
  res.writeHead(200, { ...SSE, 'content-encoding': coding });
  compressor.pipe(res, { end: false });
  compressor.write(text);
  compressor.flush(flushed);
}

/**
 * Content-Encoding lists as proxies write them, each with the encoders that made the body, in
 * the order the list names them.
 */
const CODING_LISTS = [
  { header: 'gzip, identity', applied: [zlib.gzipSync] },
  { header: 'identity , GZIP', applied: [zlib.gzipSync] },
  { header: 'deflate, gzip', applied: [zlib.deflateRawSync, zlib.gzipSync] },
  { header: 'gzip,br', applied: [zlib.gzipSync, zlib.brotliCompressSync] },
  // Two Content-Encoding lines are one list.
  { header: ['deflate', 'gzip'], applied: [zlib.deflateSync, zlib.gzipSync] },
] as const;

describe('compressed bodies from real servers', () => {
  for (const form of [{ name: 'gzip', coding: 'gzip', start: zlib.createGzip }, ...DEFLATE_FORMS]) {
    it(`a ${form.name} stream the server holds open after its last event is closed by the client`, async () => {
      // A proxy that compresses anyway, and a server that keeps the stream open after `done`.
      const { server, closedByClient } = await watchedServer((res) =>
        compressedStream(res, form.coding, form.start(), teDelta('Xin chào') + TE_DONE),
      );
      // The idle time-out is a minute away: only the client letting go can close this socket.
      const { http: client } = testHttp({ idleTimeoutMs: 60_000 });
      try {
        const events = await send(te(server, client), { conversationId: 'c-1' });
        assert.equal(completeText(events), 'Xin chào');
        await closedByClient('the finished stream');
      } finally {
        await server.close();
        await client.close();
      }
    });
  }

  for (const vendor of VENDORS) {
    it(`${vendor.name}: an answer in deflate is read in either form, even when its first byte comes alone`, async () => {
      const answer = vendor.delta('Xin ') + vendor.delta('chào') + vendor.done;
      let form: (typeof DEFLATE_FORMS)[number] = DEFLATE_FORMS[0];
      const server = await startRawServer((req, res) => {
        req.resume();
        const bytes = form.encode(answer);
        res.writeHead(200, { ...SSE, 'content-encoding': 'deflate' });
        // Two bytes tell the forms apart, and the first may come on its own.
        res.write(bytes.subarray(0, 1), () => setTimeout(() => res.end(bytes.subarray(1)), 50));
      });
      const { http: client } = testHttp();
      try {
        for (form of DEFLATE_FORMS) {
          const events = await send(vendor.provider(server, client), { conversationId: 'c-1' });
          assert.equal(completeText(events), 'Xin chào', form.name);
        }
      } finally {
        await client.close();
        await server.close();
      }
    });

    it(`${vendor.name}: a raw deflate answer cut off mid-stream says so, keeping the text so far`, async () => {
      const server = await startRawServer((req, res) => {
        req.resume();
        // The response ends cleanly where the deflate stream has not.
        const compressor = zlib.createDeflateRaw();
        compressedStream(res, 'deflate', compressor, vendor.delta('Xin '), () => res.end());
      });
      const { http: client } = testHttp();
      try {
        const end = errorOf(await send(vendor.provider(server, client), { conversationId: 'c-1' }));
        assert.match(end.error.userMessage, /cut off/);
        assert.equal(end.partialText, 'Xin ');
      } finally {
        await client.close();
        await server.close();
      }
    });

    it(`${vendor.name}: Stop during a raw deflate answer closes the socket, keeping the text so far`, async () => {
      // The first words, and then the model hangs.
      const { server, closedByClient } = await watchedServer((res) =>
        compressedStream(res, 'deflate', zlib.createDeflateRaw(), vendor.delta('Xin ')),
      );
      // The idle time-out is a minute away: only Stop can end this answer in the test's time.
      const { http: client } = testHttp({ idleTimeoutMs: 60_000 });
      const controller = new AbortController();
      const events: ChatEvent[] = [];
      try {
        const request = { targetId: 'x', text: 'Xin chào', stream: true, conversationId: 'c-1' };
        const answer = vendor.provider(server, client).send(request, controller.signal);
        for await (const event of answer) {
          events.push(event);
          if (event.type === 'delta') controller.abort();
        }
        const end = errorOf(events);
        assert.equal(end.error.kind, 'cancelled', end.error.message);
        assert.equal(end.partialText, 'Xin ');
        await closedByClient('the stopped stream');
      } finally {
        await server.close();
        await client.close();
      }
    });
  }

  it('TwinExpert: Stop while a deflate answer has sent one byte closes the socket', async () => {
    const { server, closedByClient } = await watchedServer((res) => {
      res.writeHead(200, { ...SSE, 'content-encoding': 'deflate' });
      res.write(zlib.deflateRawSync(teDelta('Xin chào')).subarray(0, 1)); // and the model hangs
    });
    const { http: client } = testHttp({ idleTimeoutMs: 60_000 });
    try {
      const stopped = AbortSignal.timeout(200);
      const end = errorOf(await send(te(server, client), { conversationId: 'c-1' }, stopped));
      assert.equal(end.error.kind, 'cancelled', end.error.message);
      await closedByClient('the stopped stream');
    } finally {
      await server.close();
      await client.close();
    }
  });

  it('TwinExpert: a twin list in raw deflate is read', async () => {
    const server = await startRawServer((_req, res) => {
      const headers = { 'content-type': 'application/json', 'content-encoding': 'deflate' };
      res.writeHead(200, headers).end(zlib.deflateRawSync(TWIN_LIST));
    });
    const { http: client } = testHttp();
    try {
      const twins = await te(server, client).listTargets();
      assert.deepEqual(
        twins.map((twin) => [twin.id, twin.label]),
        [['t-1', 'Twin']],
      );
    } finally {
      await client.close();
      await server.close();
    }
  });

  for (const [name, compressed] of [
    [
      'a corrupt deflate stream',
      { coding: 'deflate', bytes: corrupted(zlib.deflateSync(TWIN_LIST)) },
    ],
    // Neither a zlib header nor a deflate block: read raw, its first block type is invalid.
    ['bytes no deflate stream starts with', { coding: 'deflate', bytes: Buffer.alloc(40, 0xff) }],
    ['a corrupt gzip stream', { coding: 'gzip', bytes: corrupted(zlib.gzipSync(TWIN_LIST)) }],
  ] as const) {
    it(`TwinExpert: a twin list in ${name} is a ProviderError that says what arrived`, async () => {
      const server = await startRawServer((_req, res) => {
        const headers = {
          'content-type': 'application/json',
          'content-encoding': compressed.coding,
        };
        res.writeHead(200, headers).end(compressed.bytes);
      });
      const { http: client } = testHttp();
      try {
        const failure: unknown = await te(server, client)
          .listTargets()
          .then(
            () => assert.fail('an undecodable twin list was read'),
            (error: unknown) => error,
          );
        assert.ok(failure instanceof ProviderError, `not a ProviderError: ${String(failure)}`);
        assert.equal(failure.kind, 'protocol');
        assert.match(failure.userMessage, new RegExp(`compressed as "${compressed.coding}"`));
      } finally {
        await client.close();
        await server.close();
      }
    });
  }

  for (const vendor of VENDORS) {
    it(`${vendor.name}: an answer under a list of codings is decoded, the last applied first`, async () => {
      const answer = vendor.delta('Xin ') + vendor.delta('chào') + vendor.done;
      let list: (typeof CODING_LISTS)[number] = CODING_LISTS[0];
      const server = await startRawServer((req, res) => {
        req.resume();
        const bytes = list.applied.reduce((body, encode) => encode(body), Buffer.from(answer));
        res.setHeader('content-encoding', list.header);
        res.writeHead(200, SSE).end(bytes);
      });
      const { http: client } = testHttp();
      try {
        for (list of CODING_LISTS) {
          const events = await send(vendor.provider(server, client), { conversationId: 'c-1' });
          assert.equal(completeText(events), 'Xin chào', String(list.header));
        }
      } finally {
        await client.close();
        await server.close();
      }
    });
  }

  for (const { header, named } of [
    // An old "compress" (LZW) coding from a proxy.
    { header: 'compress', named: 'compress' },
    { header: 'gzip, zstd', named: 'zstd' },
    { header: 'zstd, identity, gzip', named: 'zstd' },
    { header: Array(6).fill('gzip').join(', '), named: Array(6).fill('gzip').join(', ') },
  ]) {
    it(`TwinExpert: a stream in "${header}" is refused, naming "${named}", and its socket closed`, async () => {
      const { server, closedByClient } = await watchedServer((res) => {
        // A server that keeps streaming.
        res.writeHead(200, { ...SSE, 'content-encoding': header });
        res.write('\x1f\x9d\x90 compressed bytes');
      });
      // The idle time-out is a minute away: only the client letting go can close this socket.
      const { http: client } = testHttp({ idleTimeoutMs: 60_000 });
      try {
        const end = errorOf(await send(te(server, client), { conversationId: 'c-1' }));
        assert.equal(end.error.kind, 'protocol');
        assert.match(end.error.userMessage, new RegExp(`compressed as "${named}"`));
        await closedByClient('the refused stream');
      } finally {
        await server.close();
        await client.close();
      }
    });
  }
});
