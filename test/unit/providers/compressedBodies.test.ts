// Bodies a server or proxy compressed although Twin Chat asked for none, each from a 127.0.0.1
// server writing exact bytes, read by the real provider clients.
import * as assert from 'node:assert/strict';
import * as zlib from 'node:zlib';
import { ProviderError } from '../../../src/providers/errors';
import { eventually } from '../../harness/eventually';
import { completeText, errorOf, send, testHttp } from './helpers';
import { startRawServer } from './rawServer';
import { SSE, te, teDelta } from './rawVendors';

const TWIN_LIST = JSON.stringify({ data: [{ id: 't-1', name: 'Twin' }] });

/** The same bytes with the compressed data itself damaged, its header left intact. */
function corrupted(bytes: Buffer): Buffer {
  const copy = Buffer.from(bytes);
  for (let at = 10; at < copy.length - 8; at++) copy[at] = 0xff;
  return copy;
}

describe('compressed bodies from real servers', () => {
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

  for (const [name, compressed] of [
    // "deflate" means zlib-wrapped (RFC 9110), but some servers send the raw stream.
    ['raw deflate', { coding: 'deflate', bytes: zlib.deflateRawSync(TWIN_LIST) }],
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

  it('TwinExpert: a stream in a compression Twin Chat cannot read is refused and its socket closed', async () => {
    let serverSawClose = false;
    const server = await startRawServer((req, res) => {
      req.resume();
      res.on('close', () => (serverSawClose = true));
      // An old "compress" (LZW) coding from a proxy, and a server that keeps streaming.
      res.writeHead(200, { ...SSE, 'content-encoding': 'compress' });
      res.write('\x1f\x9d\x90 compressed bytes');
    });
    // The idle time-out is a minute away: only the client letting go can close this socket.
    const { http: client } = testHttp({ idleTimeoutMs: 60_000 });
    try {
      const end = errorOf(await send(te(server, client), { conversationId: 'c-1' }));
      assert.equal(end.error.kind, 'protocol');
      assert.match(end.error.userMessage, /compressed as "compress"/);
      await eventually(
        () => serverSawClose && server.openConnections() === 0,
        'the client to close the refused stream',
        { timeoutMs: 5_000 },
      );
    } finally {
      await server.close();
      await client.close();
    }
  });
});
