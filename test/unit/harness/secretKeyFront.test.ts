import * as assert from 'node:assert/strict';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { startKeyFront, type KeyFront } from '../../harness/secretKeyFront';

const TOKEN = 'the-connection-token_0123456789';

/** Stands in for VS Code's server: echoes HTTP requests, and upgrades to an echoing socket. */
async function upstream(): Promise<Server> {
  const server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      res.writeHead(req.url === '/missing' ? 404 : 200, { 'x-upstream': 'yes' });
      res.end(`${req.method} ${req.url} ${body}`);
    });
  });
  server.on('upgrade', (_req, socket: Socket) => {
    socket.write(
      'HTTP/1.1 101 Switching Protocols\r\nUpgrade: test\r\nConnection: Upgrade\r\n\r\n',
    );
    socket.on('data', (data) => socket.write(Buffer.concat([Buffer.from('echo:'), data])));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

describe('the front that gives the web workbench its secret-storage key', () => {
  let backend: Server;
  let front: KeyFront;
  let origin: string;

  before(async () => {
    backend = await upstream();
    front = await startKeyFront((backend.address() as AddressInfo).port, TOKEN);
    origin = `http://127.0.0.1:${front.port}`;
  });
  after(async () => {
    await front.stop();
    backend.close();
  });

  const mint = (cookie?: string, method = 'POST') =>
    fetch(`${origin}/mint-key`, { method, headers: cookie ? { cookie } : {} });

  it('answers POST /mint-key with one 256-bit key, the same after a reload', async () => {
    const first = await mint(`other=1; vscode-tkn=${TOKEN}`);
    assert.equal(first.status, 200);
    const key = Buffer.from(await first.arrayBuffer());
    assert.equal(key.length, 32);
    const again = Buffer.from(await (await mint(`vscode-tkn=${TOKEN}`)).arrayBuffer());
    assert.deepEqual(again, key);
  });

  it('gives the key only to the page that holds the connection token', async () => {
    assert.equal((await mint()).status, 403);
    assert.equal((await mint('vscode-tkn=guess')).status, 403);
    assert.equal((await mint(`vscode-tkn=${TOKEN}`, 'GET')).status, 405);
  });

  it('passes every other request to the server, status, headers and body', async () => {
    const posted = await fetch(`${origin}/some/route?x=1`, { method: 'POST', body: 'hello' });
    assert.equal(posted.status, 200);
    assert.equal(posted.headers.get('x-upstream'), 'yes');
    assert.equal(await posted.text(), 'POST /some/route?x=1 hello');
    const missing = await fetch(`${origin}/missing`);
    assert.equal(missing.status, 404);
    await missing.body?.cancel();
  });

  it('passes a WebSocket-style upgrade through, both ways', async () => {
    const socket = await new Promise<Socket>((resolve, reject) => {
      request(`${origin}/ws`, { headers: { connection: 'Upgrade', upgrade: 'test' } })
        .on('upgrade', (_res, upgraded: Socket) => resolve(upgraded))
        .on('error', reject)
        .end();
    });
    const echoed = new Promise<string>((resolve) =>
      socket.once('data', (data: Buffer) => resolve(data.toString())),
    );
    socket.write('ping');
    assert.equal(await echoed, 'echo:ping');
    socket.destroy();
  });
});
