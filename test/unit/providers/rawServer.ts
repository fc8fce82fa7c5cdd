// A 127.0.0.1 server whose handler writes exact bytes at exact moments, for transport faults the
// simulator has no switch for; it counts the connections still open.
import * as http from 'node:http';
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
