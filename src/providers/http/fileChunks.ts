// Reads a file for an upload through a few reused buffers. Fresh buffers per chunk (what a Blob's
// stream or fs.createReadStream hand out) are garbage V8 collects only once about 64 MB of them
// have piled up: sending 200 MB that way added ~65 MB to the extension host (issue #8).
import { constants } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { basename } from 'node:path';
import type { FileIdentity } from '../types';

/**
 * The file being uploaded failed, not the network: undici reports what the body threw as the
 * request's failure, and the user must learn which attachment to look at (transportErrors.ts).
 */
export class UploadFileError extends Error {
  override readonly name = 'UploadFileError';
  readonly fileName: string;

  constructor(path: string, reason: string) {
    super(`${path} ${reason}`);
    this.fileName = basename(path);
  }
}

const CHUNK_BYTES = 64 * 1024;

/**
 * Why reuse is safe: undici writes each chunk to the socket and, once the socket holds more than
 * its highWaterMark (64 KiB by default), waits for 'drain' before it asks for the next chunk. So
 * when asked, less than one highWaterMark of the latest chunks is still queued, and a buffer is
 * refilled only after RING - 1 later chunks (448 KiB) went out: far more than can be queued.
 */
const RING = 8;

/** Checked on the open handle: the path may have been pointed at another file since the check. */
async function assertSameFile(
  file: FileHandle,
  path: string,
  expected: FileIdentity,
): Promise<void> {
  const info = await file.stat();
  if (info.dev !== expected.dev || info.ino !== expected.ino || info.size !== expected.size)
    throw new UploadFileError(path, 'changed after it was checked');
}

/** A path swapped for a pipe since it was checked must not hold the upload open forever. */
async function openRegularFile(path: string): Promise<FileHandle> {
  const file = await open(path, constants.O_RDONLY | constants.O_NONBLOCK).catch(
    (error: unknown) => {
      const code = (error as { code?: unknown }).code;
      throw new UploadFileError(
        path,
        `could not be read (${typeof code === 'string' ? code : 'unreadable'})`,
      );
    },
  );
  if ((await file.stat()).isFile()) return file;
  await file.close();
  throw new UploadFileError(path, 'is not a file');
}

/** Exactly `size` bytes of the file (its size when attached), `CHUNK_BYTES` at a time. */
export async function* readFileChunks(
  path: string,
  size: number,
  expected?: FileIdentity,
): AsyncGenerator<Uint8Array> {
  const ring: Buffer[] = [];
  const file = await openRegularFile(path);
  try {
    if (expected) await assertSameFile(file, path, expected);
    for (let offset = 0, n = 0; offset < size; n++) {
      const buffer = (ring[n % RING] ??= Buffer.allocUnsafeSlow(CHUNK_BYTES));
      const wanted = Math.min(CHUNK_BYTES, size - offset);
      const { bytesRead } = await file.read(buffer, 0, wanted, offset);
      if (bytesRead === 0)
        throw new UploadFileError(path, 'became shorter while it was being sent');
      offset += bytesRead;
      yield buffer.subarray(0, bytesRead);
    }
  } finally {
    await file.close();
  }
}
