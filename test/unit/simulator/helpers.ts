// Shared helpers for the simulator's own tests: credentials as headers, a raw-socket HTTP client
// that shows chunked framing byte for byte, and small parsers for what comes back.
import { connect } from 'node:net';
import { request } from 'undici';
import { DEMO_CREDENTIALS, type Simulator } from '../../simulator/server';

export const TE_AUTH = { authorization: `Bearer ${DEMO_CREDENTIALS.twinExpertApiKey}` };
export const TE_JSON = { ...TE_AUTH, 'content-type': 'application/json' };
/** Admin POSTs must say application/json (a cross-site page cannot send that without asking). */
export const ADMIN_JSON = { 'content-type': 'application/json' };
export const KM_AUTH = { authorization: `Bearer ${DEMO_CREDENTIALS.kamiMindToken}` };

export interface Reply {
  status: number;
  headers: Record<string, string>;
  text: string;
}

/** One undici request with the body read as text; never throws on 4xx/5xx. */
export async function call(
  url: string,
  options: {
    method?: 'GET' | 'POST' | 'DELETE';
    headers?: Record<string, string>;
    body?: string;
  } = {},
): Promise<Reply> {
  const res = await request(url, {
    method: options.method ?? 'GET',
    headers: options.headers,
    body: options.body,
  });
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) headers[k] = String(v);
  return { status: res.statusCode, headers, text: await res.body.text() };
}

export async function json(reply: Reply): Promise<Record<string, unknown>> {
  return Promise.resolve(JSON.parse(reply.text) as Record<string, unknown>);
}

/** Creates a TwinExpert conversation and returns its id. */
export async function newConversation(sim: Simulator, twinId = 'twin-typescript'): Promise<string> {
  const reply = await call(`${sim.url}/api/v1/conversations`, {
    method: 'POST',
    headers: TE_JSON,
    body: JSON.stringify({ twinId, title: 'Test' }),
  });
  const body = (await json(reply)) as { data: { id: string } };
  return body.data.id;
}

export interface RawResponse {
  head: string;
  status: number;
  /** Each HTTP/1.1 chunk exactly as the server framed it. */
  chunks: Buffer[];
  body: Buffer;
  /** True when the socket ended with an error (e.g. ECONNRESET) instead of a clean close. */
  reset: boolean;
}

/**
 * Sends `head + body` on a plain socket with `Connection: close` and returns the bytes seen. Used
 * where the framing itself is under test (one-byte chunks, BOM, CRLF, truncation, resets).
 */
export function rawRequest(sim: Simulator, head: string, body = ''): Promise<RawResponse> {
  const port = Number(new URL(sim.url).port);
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    const parts: Buffer[] = [];
    let reset = false;
    socket.on('data', (d: Buffer) => parts.push(d));
    socket.on('error', () => (reset = true));
    socket.on('close', () => resolve(parseRaw(Buffer.concat(parts), reset)));
    socket.write(
      head.replace(/\n/g, '\r\n') +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n`,
    );
    // No half-close: Node would treat our FIN as the end of the exchange and cut the response.
    socket.write(body);
  });
}

function parseRaw(all: Buffer, reset: boolean): RawResponse {
  const split = all.indexOf('\r\n\r\n');
  const head = all.subarray(0, Math.max(0, split)).toString('latin1');
  const status = Number(/^HTTP\/1\.1 (\d+)/.exec(head)?.[1] ?? 0);
  const rest = all.subarray(split + 4);
  const chunked = /transfer-encoding: chunked/i.test(head);
  const chunks = chunked ? dechunk(rest) : [rest];
  return { head, status, chunks, body: Buffer.concat(chunks), reset };
}

/** Decodes chunked transfer encoding, stopping quietly at a truncated chunk. */
function dechunk(data: Buffer): Buffer[] {
  const chunks: Buffer[] = [];
  let at = 0;
  for (let guard = 0; guard < 10_000_000 && at < data.length; guard++) {
    const eol = data.indexOf('\r\n', at);
    if (eol < 0) break;
    const size = parseInt(data.subarray(at, eol).toString('latin1'), 16);
    if (!Number.isFinite(size) || size === 0) break;
    chunks.push(data.subarray(eol + 2, eol + 2 + size));
    at = eol + 2 + size + 2;
  }
  return chunks;
}

export interface ParsedEvent {
  event: string | undefined;
  data: string;
}

/** A minimal SSE block splitter for assertions (the client's parser is tested elsewhere). */
export function sseBlocks(text: string): ParsedEvent[] {
  return text
    .split('\n\n')
    .filter((block) => block.trim() !== '')
    .map((block) => {
      const lines = block.split('\n');
      const event = lines.find((l) => l.startsWith('event:'))?.replace(/^event: ?/, '');
      const data = lines
        .filter((l) => l.startsWith('data:'))
        .map((l) => l.replace(/^data: ?/, ''))
        .join('\n');
      return { event, data };
    });
}

/** Concatenated delta text of a TwinExpert stream in any of the three styles. */
export function teDeltaText(events: ParsedEvent[]): string {
  return events
    .filter((e) => e.data !== '[DONE]')
    .map((e) => ({ e, d: JSON.parse(e.data) as { type?: string; content?: string } }))
    .filter(({ e, d }) => (e.event ?? d.type) === 'delta')
    .map(({ d }) => d.content ?? '')
    .join('');
}

export function streamHead(sim: Simulator, conversationId: string, extra = ''): string {
  const host = new URL(sim.url).host;
  return (
    `POST /api/v1/conversations/${conversationId}/messages/stream HTTP/1.1\nHost: ${host}\n` +
    `Authorization: ${TE_AUTH.authorization}\nContent-Type: application/json\n${extra}`
  );
}
