// Small HTTP helpers shared by both API emulations: the per-request context, body reading with a
// size cap, and writes that respect back-pressure and stop quietly when the client has gone.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { StartGate } from './startGate';
import type { Fault, RecordedRequest, SimulatorConfig } from './types';

export interface Exchange {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly method: string;
  /** Path without the query string, exactly as sent. */
  readonly path: string;
  readonly query: Record<string, string>;
  readonly headers: Record<string, string>;
  readonly record: RecordedRequest;
  /** Aborted when the client disconnects or the simulator stops: ends stalls and pacing. */
  readonly signal: AbortSignal;
  /** Configuration for this request (global config plus any x-sim-config header). */
  readonly config: SimulatorConfig;
  readonly fault: Fault | undefined;
  /** The simulator's one gate that answer requests wait at under `startTogether`. */
  readonly startGate: StartGate;
}

export function flattenHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

export function parseQuery(search: URLSearchParams): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of search) out[key] = value;
  return out;
}

export function sendJson(
  ex: Exchange,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  ex.res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(text)),
    ...headers,
  });
  ex.res.end(text);
}

export function sendText(
  ex: Exchange,
  status: number,
  contentType: string,
  text: string,
  headers: Record<string, string> = {},
): void {
  ex.res.writeHead(status, {
    'Content-Type': contentType,
    'Content-Length': String(Buffer.byteLength(text)),
    ...headers,
  });
  ex.res.end(text);
}

export class BodyTooLargeError extends Error {}

/**
 * Reads the whole body up to `limit` bytes. Beyond the limit the rest is drained and discarded, so
 * the client finishes sending and can read the error instead of seeing a broken pipe.
 */
export async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size <= limit) chunks.push(chunk);
  }
  if (size > limit) throw new BodyTooLargeError(`body of ${size} bytes exceeds ${limit}`);
  return Buffer.concat(chunks);
}

/** Reads and discards the body, so an early answer never meets a half-sent request. */
export function drain(req: IncomingMessage): Promise<void> {
  return new Promise((resolve) => {
    if (req.readableEnded || req.destroyed) return resolve();
    req.once('end', () => resolve());
    req.once('close', () => resolve());
    req.resume();
  });
}

/**
 * Resolves after `ms`, early when `signal` aborts. For 0 it only lets pending I/O run
 * (setImmediate): a zero timer still waits about a millisecond, which capped "as fast as the
 * simulator can send" at about 1,000 deltas a second.
 */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    let cancel = (): void => undefined;
    const done = (): void => {
      cancel();
      signal.removeEventListener('abort', done);
      resolve();
    };
    if (ms > 0) {
      const timer = setTimeout(done, ms);
      cancel = () => clearTimeout(timer);
    } else {
      const immediate = setImmediate(done);
      cancel = () => clearImmediate(immediate);
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

/** At most this much of a stall is made up with a burst; after that the schedule starts again. */
const MAX_CATCH_UP_MS = 50;

/**
 * How long to wait before the next delta so that deltas leave every `intervalMs` on average.
 * Sleeping a fixed time after each write undershot the rate on a loaded machine (timers fire
 * late, and the write itself takes time: 110-190 instead of 200 deltas/s), so the schedule is kept
 * against absolute times and a late timer is made up by the next, shorter waits.
 */
export function pacer(intervalMs: number, now = () => performance.now()): () => number {
  let due = now();
  return () => {
    const at = now();
    due = Math.max(due + intervalMs, at - MAX_CATCH_UP_MS + intervalMs);
    return Math.max(0, Math.ceil(due - at));
  };
}

/** Resolves only when `signal` aborts: the body of a stalled stream. */
export function untilAborted(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    signal.addEventListener('abort', () => resolve(), { once: true });
  });
}

/**
 * Writes one chunk, waiting for 'drain' when the socket buffer is full. False if the client left.
 * `onWritten` runs once the chunk has been handed to the kernel (Node corks the socket until the
 * next tick, so the moment `res.write` returns is earlier than that).
 */
export async function write(
  ex: Exchange,
  chunk: string | Buffer,
  onWritten?: (error?: Error | null) => void,
): Promise<boolean> {
  const { res, signal } = ex;
  if (signal.aborted || res.destroyed || res.writableEnded) return false;
  if (res.write(chunk, onWritten)) return true;
  await new Promise<void>((resolve) => {
    const done = () => {
      res.off('drain', done);
      signal.removeEventListener('abort', done);
      resolve();
    };
    res.once('drain', done);
    signal.addEventListener('abort', done, { once: true });
  });
  return !signal.aborted && !res.destroyed;
}

/** Cuts the TCP connection with an RST, the way a crashed proxy or dropped network would. */
export function resetConnection(ex: Exchange): void {
  const socket = ex.req.socket;
  if (typeof socket.resetAndDestroy === 'function') socket.resetAndDestroy();
  else socket.destroy();
}
