import { randomBytes, timingSafeEqual } from 'node:crypto';
import {
  createServer,
  request as forward,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';

// The web workbench seals SecretStorage into the browser's localStorage with a key part it asks
// its server for: POST /mint-key. code-server's own CLI serves that route; VS Code's server, which
// `npm start`, the e2e suite and the integration launcher run directly, answers 405, and secrets
// then live in memory only and vanish on every reload (unlike on the desktop, where the OS keyring
// keeps them). So a small front stands before the server: it answers that one route, with one key
// per run (the same after a reload), and passes everything else, HTTP and WebSocket, through.

export const MINT_KEY_PATH = '/mint-key';
/** The cookie VS Code's server sets once the workbench was opened with the right token. */
const TOKEN_COOKIE = 'vscode-tkn';

export interface KeyFront {
  port: number;
  stop(): Promise<void>;
}

function cookie(req: IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return decodeURIComponent(value.join('='));
  }
  return undefined;
}

function sameSecret(given: string | undefined, expected: string): boolean {
  const a = Buffer.from(given ?? '');
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The key only for the workbench's own page: it carries the connection token's cookie. */
function mintKey(req: IncomingMessage, res: ServerResponse, key: Buffer, token: string): void {
  if (req.method !== 'POST') res.writeHead(405, { allow: 'POST' }).end();
  else if (!sameSecret(cookie(req, TOKEN_COOKIE), token)) res.writeHead(403).end();
  else res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(key);
}

function passHttp(req: IncomingMessage, res: ServerResponse, port: number): void {
  const upstream = forward(
    { host: '127.0.0.1', port, method: req.method, path: req.url, headers: req.headers },
    (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.rawHeaders);
      answer.pipe(res);
    },
  );
  upstream.on('error', () => res.destroy());
  req.pipe(upstream);
}

/** A WebSocket upgrade goes through as bytes: the request head as received, then both ways. */
function passUpgrade(
  req: IncomingMessage,
  client: Socket,
  head: Buffer,
  port: number,
  open: Set<Socket>,
): void {
  const upstream = connect(port, '127.0.0.1', () => {
    const lines = [`${req.method} ${req.url} HTTP/${req.httpVersion}`];
    for (let i = 0; i < req.rawHeaders.length; i += 2)
      lines.push(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}`);
    upstream.write(`${lines.join('\r\n')}\r\n\r\n`);
    upstream.write(head);
    upstream.pipe(client).pipe(upstream);
  });
  upstream.setNoDelay(true);
  client.setNoDelay(true);
  open.add(client).add(upstream);
  const close = (): void => {
    upstream.destroy();
    client.destroy();
    open.delete(client);
    open.delete(upstream);
  };
  upstream.on('error', close).on('close', close);
  client.on('error', close).on('close', close);
}

/** Listens on a free loopback port in front of the server on `port`. */
export async function startKeyFront(port: number, connectionToken: string): Promise<KeyFront> {
  const key = randomBytes(32); // the workbench insists on 256 bits
  const upgraded = new Set<Socket>(); // the server forgets sockets once they are upgraded
  const server = createServer((req, res) => {
    if (new URL(req.url ?? '/', 'http://front').pathname === MINT_KEY_PATH)
      mintKey(req, res, key, connectionToken);
    else passHttp(req, res, port);
  });
  server.on('upgrade', (req: IncomingMessage, socket: Socket, head: Buffer) =>
    passUpgrade(req, socket, head, port, upgraded),
  );
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
        for (const socket of upgraded) socket.destroy();
      }),
  };
}
