// What keeps the simulator to the person who started it. It listens on 127.0.0.1 only, but a web
// page can still reach it: by DNS rebinding (a name that resolves to 127.0.0.1, sent as `Host`), or
// by a cross-site "simple" POST (text/plain, no preflight). So every request must name this very
// loopback origin in `Host`, and admin POSTs must be application/json, which no page can send
// cross-site without a CORS preflight the simulator never grants.
import type { IncomingHttpHeaders } from 'node:http';

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];

/** True when `host` (the Host header) is a loopback name with exactly this port. */
export function isOwnHost(host: string | undefined, port: number): boolean {
  if (host === undefined) return false;
  const lower = host.toLowerCase();
  return LOOPBACK_NAMES.some((name) => lower === `${name}:${port}`);
}

/** application/json, with or without parameters such as charset. */
export function isJsonRequest(headers: IncomingHttpHeaders): boolean {
  const type = headers['content-type']?.split(';')[0]?.trim().toLowerCase();
  return type === 'application/json';
}
