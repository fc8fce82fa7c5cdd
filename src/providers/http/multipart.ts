// multipart/form-data (RFC 7578), encoded here instead of by undici's FormData so that files go
// out through readFileChunks' reused buffers and memory stays flat whatever the file's size.
// The bytes match what undici's FormData sends: CRLF line ends in fields, the same escaping.
import { randomBytes } from 'node:crypto';
import type { FileIdentity } from '../types';
import { readFileChunks } from './fileChunks';

export interface MultipartField {
  name: string;
  value: string;
}

export interface MultipartFile {
  name: string;
  filename: string;
  contentType: string;
  size: number;
  /** On disk (streamed) or, for an unsaved editor buffer, in memory. */
  source: { path: string; identity?: FileIdentity } | { data: Uint8Array };
}

export interface MultipartBody {
  readonly contentType: string;
  /** Bytes in the whole body: sent as Content-Length. */
  readonly length: number;
  /** A fresh pass over the parts each call, so a retry can send the body again. */
  chunks(): AsyncIterable<Uint8Array>;
}

const encoder = new TextEncoder();
const CRLF = encoder.encode('\r\n');

const crlf = (text: string): string => text.replace(/\r?\n|\r/g, '\r\n');
const escape = (text: string): string =>
  text.replace(/\n/g, '%0A').replace(/\r/g, '%0D').replace(/"/g, '%22');

function fieldBytes(boundary: string, field: MultipartField): Uint8Array {
  return encoder.encode(
    `--${boundary}\r\nContent-Disposition: form-data; name="${escape(crlf(field.name))}"\r\n\r\n${crlf(field.value)}\r\n`,
  );
}

function fileHead(boundary: string, file: MultipartFile): Uint8Array {
  return encoder.encode(
    `--${boundary}\r\nContent-Disposition: form-data; name="${escape(crlf(file.name))}"; filename="${escape(file.filename)}"\r\nContent-Type: ${file.contentType || 'application/octet-stream'}\r\n\r\n`,
  );
}

async function* fileBytes(file: MultipartFile): AsyncGenerator<Uint8Array> {
  if ('data' in file.source) yield file.source.data;
  else yield* readFileChunks(file.source.path, file.size, file.source.identity);
}

export function multipartBody(
  fields: readonly MultipartField[],
  files: readonly MultipartFile[],
): MultipartBody {
  const boundary = `----twin-chat-${randomBytes(12).toString('hex')}`;
  const head = fields.map((field) => fieldBytes(boundary, field));
  const fileHeads = files.map((file) => fileHead(boundary, file));
  const tail = encoder.encode(`--${boundary}--\r\n`);
  const length =
    [...head, ...fileHeads, tail].reduce((sum, bytes) => sum + bytes.byteLength, 0) +
    files.reduce((sum, file) => sum + file.size + CRLF.byteLength, 0);
  return {
    contentType: `multipart/form-data; boundary=${boundary}`,
    length,
    async *chunks() {
      yield* head;
      for (const [i, file] of files.entries()) {
        yield fileHeads[i]!;
        yield* fileBytes(file);
        yield CRLF;
      }
      yield tail;
    },
  };
}
