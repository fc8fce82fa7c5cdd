// Writes an answer as a stream of frames and injects the stream faults. The wire format is an
// encoder's job; this file only decides what goes out when, and how it is cut, split or padded.
import { pacer, resetConnection, sleep, untilAborted, write, type Exchange } from './http';
import { MIB } from './config';
import { waitAtStartGate } from './startGate';
import type { DeltaTime, Fault } from './types';

export interface StreamEncoder {
  readonly contentType: string;
  /** Line-framed formats (SSE, NDJSON) can carry CRLF endings, heartbeats and junk lines. */
  readonly framed: boolean;
  head(): string[];
  delta(text: string, index: number, compact: boolean): string;
  terminal(full: string): string[];
  /** Undefined when the format cannot carry an error (raw text): the connection is reset instead. */
  error(message: string): string | undefined;
  heartbeat(): string | undefined;
  junk(): string[];
}

const DEFAULT_AFTER_DELTAS = 2;
const MID_STREAM_ERROR = 'Lỗi giả lập: the model failed mid-answer (simulated)';

/** Where a cutting fault strikes: after this many deltas, or undefined for no cut. */
function cutIndex(fault: Fault | undefined, total: number): number | undefined {
  switch (fault?.kind) {
    case 'stallMidStream':
    case 'resetMidStream':
    case 'closeWithoutTerminal':
    case 'errorEventMidStream':
      return Math.min(fault.afterDeltas ?? DEFAULT_AFTER_DELTAS, total);
    default:
      return undefined;
  }
}

type OnWritten = (error?: Error | null) => void;

/**
 * With `recordDeltaTimes` on, a callback per delta that appends when it left to the request's
 * record; otherwise nothing, so an ordinary stream pays for no closure or timestamp.
 */
function deltaTimer(ex: Exchange): ((index: number) => OnWritten) | undefined {
  if (!ex.config.recordDeltaTimes) return undefined;
  const times: DeltaTime[] = (ex.record.deltaTimes = []);
  return (index) => (error) => {
    if (!error) times.push({ index, at: performance.timeOrigin + performance.now() });
  };
}

/** Applies the byte-level faults (BOM, CRLF, one-byte chunks) to everything written. */
class FaultyOutput {
  private first = true;
  constructor(
    private readonly ex: Exchange,
    private readonly framed: boolean,
  ) {}

  /** `onWritten` runs when the frame's last byte has been handed to the kernel. */
  async send(frame: string, onWritten?: OnWritten): Promise<boolean> {
    const kind = this.ex.fault?.kind;
    let text = kind === 'crlf' && this.framed ? frame.replace(/\n/g, '\r\n') : frame;
    if (this.first && kind === 'bom') text = '\uFEFF' + text;
    this.first = false;
    if (kind !== 'oneByteChunks') return write(this.ex, text, onWritten);
    return writeBytewise(this.ex, Buffer.from(text, 'utf8'), onWritten);
  }
}

/** One byte per write, yielding in between, so multi-byte characters straddle chunks. */
async function writeBytewise(ex: Exchange, bytes: Buffer, onWritten?: OnWritten): Promise<boolean> {
  for (let i = 0; i < bytes.length; i++) {
    const last = i === bytes.length - 1;
    if (!(await write(ex, bytes.subarray(i, i + 1), last ? onWritten : undefined))) return false;
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  return true;
}

async function applyCut(ex: Exchange, out: FaultyOutput, encoder: StreamEncoder): Promise<void> {
  switch (ex.fault?.kind) {
    case 'stallMidStream':
      // Silent but open: only the client's own idle time-out (or Stop) can end this.
      await untilAborted(ex.signal);
      ex.res.destroy();
      return;
    case 'resetMidStream':
      resetConnection(ex);
      return;
    case 'errorEventMidStream': {
      const frame = encoder.error(MID_STREAM_ERROR);
      if (frame === undefined) return resetConnection(ex);
      await out.send(frame);
      ex.res.end();
      return;
    }
    default:
      ex.res.end(); // closeWithoutTerminal: a clean end of body with no terminal event
  }
}

const ENDLESS_DELTA = 'endless '.repeat(2048); // 16 KiB per delta
const ENDLESS_DEFAULT_MB = 256;

/**
 * A server that never finishes its answer. Bounded all the same, so a client without a cap
 * cannot make the simulator stream forever: it stops when the client leaves or after
 * `stopAfterMB`, then ends the body with no terminal event.
 */
async function streamWithoutEnd(
  ex: Exchange,
  out: FaultyOutput,
  encoder: StreamEncoder,
  stopAfterMB = ENDLESS_DEFAULT_MB,
): Promise<boolean> {
  const nextDelta = pacer(ex.config.tokenDelayMs);
  for (let i = 0, sent = 0; sent < stopAfterMB * MIB; i++) {
    const frame = encoder.delta(ENDLESS_DELTA, i, false);
    if (!(await out.send(frame))) return false;
    sent += Buffer.byteLength(frame);
    await sleep(nextDelta(), ex.signal);
    if (ex.signal.aborted) return false;
  }
  ex.res.end();
  return false;
}

/**
 * Streams `deltas` with `encoder`, honouring the request's fault. Resolves true only when the
 * terminal frames were written, so callers store the answer only for a complete stream. Held at
 * the start gate after the headers and head frames: the client's first-byte time-out is met, and
 * only its idle time-out (longer than the gate's default max hold) runs while it waits.
 */
export async function runStream(
  ex: Exchange,
  encoder: StreamEncoder,
  deltas: string[],
  headers: Record<string, string> = {},
): Promise<boolean> {
  const { fault, signal } = ex;
  ex.res.writeHead(200, {
    'Content-Type': encoder.contentType,
    'Cache-Control': 'no-cache',
    'X-Accel-Buffering': 'no',
    ...headers,
  });
  ex.res.flushHeaders();
  const out = new FaultyOutput(ex, encoder.framed);
  const malformed = fault?.kind === 'malformedSse' && encoder.framed;
  const heartbeat = fault?.kind === 'heartbeats' ? encoder.heartbeat() : undefined;
  if (heartbeat !== undefined) await out.send(heartbeat);
  for (const frame of encoder.head()) await out.send(frame);
  await waitAtStartGate(ex);
  if (signal.aborted) return false;
  if (fault?.kind === 'endlessStream') return streamWithoutEnd(ex, out, encoder, fault.stopAfterMB);
  const cut = cutIndex(fault, deltas.length);
  const timed = deltaTimer(ex);
  const nextDelta = pacer(ex.config.tokenDelayMs);
  for (let i = 0; i < deltas.length; i++) {
    if (i === cut) return applyCut(ex, out, encoder).then(() => false);
    if (malformed && i % 3 === 0) for (const junk of encoder.junk()) await out.send(junk);
    if (heartbeat !== undefined) await out.send(heartbeat);
    const frame = encoder.delta(deltas[i] ?? '', i, malformed && i % 2 === 1);
    if (!(await out.send(frame, timed?.(i)))) return false;
    await sleep(nextDelta(), signal);
    if (signal.aborted) return false;
  }
  if (cut === deltas.length) return applyCut(ex, out, encoder).then(() => false);
  if (heartbeat !== undefined) await out.send(heartbeat);
  for (const frame of encoder.terminal(deltas.join(''))) await out.send(frame);
  ex.res.end();
  return !signal.aborted;
}

/**
 * A non-streaming JSON answer that still honours the faults that make sense for a plain body:
 * BOM, one-byte chunks, and a body cut (reset, clean close or stall) halfway. Held at the start
 * gate before the headers, which the gate's default max hold keeps under the first-byte time-out.
 */
export async function sendJsonWithFaults(
  ex: Exchange,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<boolean> {
  await waitAtStartGate(ex);
  if (ex.signal.aborted) return false;
  const kind = ex.fault?.kind;
  const bytes = Buffer.from((kind === 'bom' ? '\uFEFF' : '') + JSON.stringify(body), 'utf8');
  const cuts =
    kind === 'resetMidStream' || kind === 'closeWithoutTerminal' || kind === 'stallMidStream';
  const head: Record<string, string> = {
    'Content-Type': 'application/json; charset=utf-8',
    ...headers,
  };
  // A cut body goes chunked, so a clean close reads as a complete (but truncated) response.
  if (!cuts) head['Content-Length'] = String(bytes.length);
  ex.res.writeHead(status, head);
  if (!cuts) {
    if (kind === 'oneByteChunks') await writeBytewise(ex, bytes);
    else await write(ex, bytes);
    ex.res.end();
    return true;
  }
  await write(ex, bytes.subarray(0, Math.floor(bytes.length / 2)));
  if (kind === 'resetMidStream') resetConnection(ex);
  else if (kind === 'closeWithoutTerminal') ex.res.end();
  else {
    await untilAborted(ex.signal);
    ex.res.destroy();
  }
  return false;
}
