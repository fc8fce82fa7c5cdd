// A 127.0.0.1 server whose handler writes exact bytes at exact moments, for transport faults the
// simulator has no switch for; it counts the connections still open.
import * as http from 'node:http';
import * as net from 'node:net';
import type { AddressInfo, Socket } from 'node:net';

export interface RawServer {
  url: string;
  /** Connections open right now. */
  openConnections(): number;
  close(): Promise<void>;
}

export async function startRawServer(
  handler: (req: http.IncomingMessage, res: http.ServerResponse) => void,
): Promise<RawServer> {
  const open = new Set<Socket>();
  const server = http.createServer(handler);
  server.on('connection', (socket) => {
    open.add(socket);
    socket.on('close', () => open.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    openConnections: () => open.size,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * A 127.0.0.1 server below HTTP: `onRequest` gets the socket once a request's head has arrived
 * and writes the response bytes itself, such as a chunked body cut inside a chunk-size line.
 */
export async function startSocketServer(
  onRequest: (socket: Socket) => void,
): Promise<{ url: string; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    let head = '';
    const onData = (data: Buffer): void => {
      head += data.toString('latin1');
      if (!head.includes('\r\n\r\n')) return;
      socket.off('data', onData);
      socket.resume(); // the request body is not needed
      onRequest(socket);
    };
    socket.on('data', onData);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
