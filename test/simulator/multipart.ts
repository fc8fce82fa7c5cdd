// A streaming multipart/form-data parser (RFC 7578) over the request stream. Files are hashed and
// counted as they pass and their bytes are kept only up to 1 MiB, so a 200 MB upload costs no more
// memory than a small one. Past the size limit the rest is drained, so the client can read the 413.
import { createHash, type Hash } from 'node:crypto';
import type { RecordedFile } from './types';

export const KEEP_FILE_BYTES = 1024 * 1024;
const MAX_HEADER_BYTES = 16 * 1024;
const MAX_FIELD_BYTES = 1024 * 1024;

export class MultipartError extends Error {
  constructor(
    readonly reason: 'malformed' | 'tooLarge',
    message: string,
  ) {
    super(message);
  }
}

export interface MultipartResult {
  fields: Record<string, string>;
  files: RecordedFile[];
}

/** The boundary from a Content-Type header, or undefined when it is not multipart/form-data. */
export function boundaryOf(contentType: string | undefined): string | undefined {
  if (!contentType || !/^multipart\/form-data\b/i.test(contentType.trim())) return undefined;
  const match = /;\s*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return match?.[1] ?? match?.[2];
}

interface PartHead {
  name: string;
  filename: string | undefined;
  contentType: string;
}

/** Parses a part's header block; names and filenames are UTF-8, as browsers and undici send them. */
function parsePartHead(block: string): PartHead {
  let disposition = '';
  let contentType = 'text/plain';
  for (const line of block.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (name === 'content-disposition') disposition = value;
    else if (name === 'content-type') contentType = value;
  }
  if (!/^form-data\b/i.test(disposition))
    throw new MultipartError('malformed', 'part without form-data disposition');
  const name = dispositionParam(disposition, 'name');
  if (name === undefined) throw new MultipartError('malformed', 'part without a name');
  const filename = extendedFilename(disposition) ?? dispositionParam(disposition, 'filename');
  return { name, filename, contentType };
}

function dispositionParam(disposition: string, key: string): string | undefined {
  const re = new RegExp(`;\\s*${key}=(?:"((?:[^"\\\\]|\\\\.)*)"|([^;]*))`, 'i');
  const match = re.exec(disposition);
  if (!match) return undefined;
  if (match[1] !== undefined) return match[1].replace(/\\(.)/g, '$1');
  return match[2]?.trim();
}

/** RFC 5987 `filename*=UTF-8''...`, which some clients (curl, Python) use for non-ASCII names. */
function extendedFilename(disposition: string): string | undefined {
  const match = /;\s*filename\*=([^']*)'[^']*'([^;]*)/i.exec(disposition);
  if (!match?.[2]) return undefined;
  try {
    return decodeURIComponent(match[2].trim());
  } catch {
    return undefined;
  }
}

/** Collects one part's body: a text field, or a file being hashed. */
class PartSink {
  private readonly hash: Hash | undefined;
  private kept: Buffer[] = [];
  private size = 0;

  constructor(readonly head: PartHead) {
    this.hash = head.filename !== undefined ? createHash('sha256') : undefined;
  }

  push(chunk: Buffer): void {
    if (chunk.length === 0) return;
    this.size += chunk.length;
    this.hash?.update(chunk);
    const cap = this.hash ? KEEP_FILE_BYTES : MAX_FIELD_BYTES;
    if (this.size <= cap) this.kept.push(chunk);
    else if (!this.hash)
      throw new MultipartError('tooLarge', `field ${this.head.name} is too large`);
    else this.kept = [];
  }

  finish(result: MultipartResult): void {
    const bytes = Buffer.concat(this.kept);
    if (!this.hash) {
      result.fields[this.head.name] = bytes.toString('utf8');
      return;
    }
    const file: RecordedFile = {
      field: this.head.name,
      filename: this.head.filename ?? '',
      contentType: this.head.contentType,
      size: this.size,
      sha256: this.hash.digest('hex'),
    };
    if (this.size <= KEEP_FILE_BYTES) file.bytes = bytes;
    result.files.push(file);
  }
}

type State = 'preamble' | 'afterBoundary' | 'headers' | 'body' | 'done';

class Parser {
  private state: State = 'preamble';
  private buf: Buffer = Buffer.alloc(0);
  private part: PartSink | undefined;
  private readonly dashBoundary: Buffer;
  private readonly delimiter: Buffer;
  readonly result: MultipartResult = { fields: {}, files: [] };

  constructor(boundary: string) {
    this.dashBoundary = Buffer.from(`--${boundary}`);
    this.delimiter = Buffer.from(`\r\n--${boundary}`);
  }

  feed(chunk: Buffer): void {
    this.buf = this.buf.length === 0 ? chunk : Buffer.concat([this.buf, chunk]);
    while (this.step()) {
      // each step consumes input or changes state; it returns false when it needs more bytes
    }
  }

  end(): void {
    if (this.state !== 'done') throw new MultipartError('malformed', 'multipart body ended early');
  }

  private step(): boolean {
    switch (this.state) {
      case 'preamble':
        return this.findFirstBoundary();
      case 'afterBoundary':
        return this.afterBoundary();
      case 'headers':
        return this.readHeaders();
      case 'body':
        return this.readBody();
      case 'done':
        this.buf = Buffer.alloc(0); // the epilogue is ignored
        return false;
    }
  }

  private findFirstBoundary(): boolean {
    const at = this.buf.indexOf(this.dashBoundary);
    if (at < 0) {
      if (this.buf.length > MAX_HEADER_BYTES)
        throw new MultipartError('malformed', 'no multipart boundary found');
      return false;
    }
    this.buf = this.buf.subarray(at + this.dashBoundary.length);
    this.state = 'afterBoundary';
    return true;
  }

  private afterBoundary(): boolean {
    if (this.buf.length < 2) return false;
    const two = this.buf.subarray(0, 2).toString('latin1');
    if (two === '--') this.state = 'done';
    else if (two === '\r\n') this.state = 'headers';
    else throw new MultipartError('malformed', 'bad bytes after a boundary');
    this.buf = this.buf.subarray(2);
    return true;
  }

  private readHeaders(): boolean {
    const end = this.buf.indexOf('\r\n\r\n');
    if (end < 0) {
      if (this.buf.length > MAX_HEADER_BYTES)
        throw new MultipartError('malformed', 'part headers too long');
      return false;
    }
    this.part = new PartSink(parsePartHead(this.buf.subarray(0, end).toString('utf8')));
    this.buf = this.buf.subarray(end + 4);
    this.state = 'body';
    return true;
  }

  private readBody(): boolean {
    const part = this.part;
    if (!part) throw new MultipartError('malformed', 'body without part');
    const at = this.buf.indexOf(this.delimiter);
    if (at >= 0) {
      part.push(this.buf.subarray(0, at));
      part.finish(this.result);
      this.part = undefined;
      this.buf = this.buf.subarray(at + this.delimiter.length);
      this.state = 'afterBoundary';
      return true;
    }
    // Keep a tail that could be the start of a delimiter split across chunks.
    const safe = this.buf.length - (this.delimiter.length - 1);
    if (safe > 0) {
      part.push(this.buf.subarray(0, safe));
      this.buf = Buffer.from(this.buf.subarray(safe));
    }
    return false;
  }
}

/**
 * Parses the whole stream. Throws MultipartError('tooLarge') only after draining it, and
 * MultipartError('malformed') (also after draining) for syntax errors.
 */
export async function parseMultipart(
  stream: AsyncIterable<Buffer>,
  boundary: string,
  maxBytes: number,
): Promise<MultipartResult> {
  const parser = new Parser(boundary);
  let total = 0;
  let failure: MultipartError | undefined;
  for await (const chunk of stream) {
    total += chunk.length;
    if (failure) continue;
    if (total > maxBytes) {
      failure = new MultipartError('tooLarge', `upload of more than ${maxBytes} bytes`);
      continue;
    }
    try {
      parser.feed(chunk);
    } catch (error) {
      if (!(error instanceof MultipartError)) throw error;
      failure = error;
    }
  }
  if (failure) throw failure;
  parser.end();
  return parser.result;
}
