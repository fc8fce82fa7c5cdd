// The hand-written multipart body (src/providers/http/multipart.ts) must send what undici's
// FormData sent before it, and its reused read buffers must never corrupt a file, even when the
// server reads slowly and the socket keeps pushing back.
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { FormData, Response } from 'undici';
import { multipartBody, type MultipartBody } from '../../../src/providers/http/multipart';
import { TWINEXPERT_SERVICE } from '../../../src/providers/twinExpert/service';
import { testHttp } from './helpers';

async function collect(body: MultipartBody): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of body.chunks()) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}

function boundaryOf(contentType: string): string {
  return /boundary=(.+)$/.exec(contentType)?.[1] ?? '';
}

/** A deterministic, incompressible file. */
function writeFile(file: string, size: number): Buffer {
  const bytes = Buffer.alloc(size);
  for (let i = 0, x = 7; i < size; i++) bytes[i] = (x = (x * 1103515245 + 12345) >>> 0) >>> 24;
  fs.writeFileSync(file, bytes);
  return bytes;
}

/** Reads 16 KiB, then pauses, so the client's socket fills up and has to wait for drain. */
function slowServer(): Promise<{ url: string; received: Promise<Buffer>; close(): void }> {
  let deliver: (body: Buffer) => void = () => undefined;
  const received = new Promise<Buffer>((resolve) => (deliver = resolve));
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('readable', function read() {
      const chunk = req.read(16 * 1024) as Buffer | null;
      if (!chunk) return;
      chunks.push(chunk);
      setTimeout(read, 1);
    });
    req.on('end', () => {
      deliver(Buffer.concat(chunks));
      res.end('{}');
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({ url: `http://127.0.0.1:${port}/`, received, close: () => server.close() });
    }),
  );
}

describe('multipart bodies', () => {
  let dir: string;
  before(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'twin-chat-multipart-'))));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('encodes fields and files byte for byte like undici FormData', async () => {
    const file = path.join(dir, 'notes.md');
    fs.writeFileSync(file, '# Notes\r\nline two\n');
    const data = new TextEncoder().encode('unsaved ✓');
    const fields = [
      { name: 'bot_token', value: '7e57c0de' },
      { name: 'message', value: 'two\nlines\rand "quotes"' },
    ];
    const ours = multipartBody(fields, [
      {
        name: 'files',
        filename: 'notes.md',
        contentType: 'text/markdown',
        size: fs.statSync(file).size,
        source: { path: file },
      },
      {
        name: 'files',
        filename: 'ünïcode "q"\n.txt',
        contentType: 'text/plain',
        size: data.byteLength,
        source: { data },
      },
    ]);
    const form = new FormData();
    for (const field of fields) form.append(field.name, field.value);
    form.append('files', await fs.openAsBlob(file, { type: 'text/markdown' }), 'notes.md');
    form.append('files', new Blob([data], { type: 'text/plain' }), 'ünïcode "q"\n.txt');
    const theirs = new Response(form);
    const theirBytes = Buffer.from(await theirs.arrayBuffer());
    const theirBoundary = boundaryOf(theirs.headers.get('content-type') ?? '');
    const ourBytes = await collect(ours);
    assert.equal(ours.length, ourBytes.byteLength);
    assert.equal(
      ourBytes.toString('latin1').split(boundaryOf(ours.contentType)).join('B'),
      theirBytes.toString('latin1').split(theirBoundary).join('B'),
    );
  });

  it('sends a file intact through reused buffers while the server reads slowly', async () => {
    const file = path.join(dir, 'big.bin');
    const bytes = writeFile(file, 8 * 1024 * 1024 + 123);
    const body = multipartBody(
      [{ name: 'message', value: 'hi' }],
      [
        {
          name: 'files',
          filename: 'big.bin',
          contentType: '',
          size: bytes.length,
          source: { path: file },
        },
      ],
    );
    const expected = await collect(body);
    assert.ok(expected.includes(bytes), 'the body holds the file');
    const server = await slowServer();
    const { http: client } = testHttp({ idleTimeoutMs: 30_000, firstByteTimeoutMs: 30_000 });
    try {
      const response = await client.request({
        method: 'POST',
        url: server.url,
        body: () => body,
        service: TWINEXPERT_SERVICE,
      });
      await response.text();
      const received = await server.received;
      const digest = (b: Buffer) => createHash('sha256').update(b).digest('hex');
      assert.equal(received.length, expected.length);
      assert.equal(digest(received), digest(expected));
    } finally {
      await client.close();
      server.close();
    }
  });
});
