import { constants, type Stats } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';

// Every read of an attached file in the extension host opens it through here. The path was a
// regular file when attached, but it may since have been swapped for a named pipe: a plain open
// of a pipe waits for a writer, which never comes, and the send or "Ask Twins Side by Side" would
// hang for good. Opening non-blocking returns at once, and the handle's own stat (not the path's,
// which could be swapped again) says what was opened. The upload's reader in the network client
// bundle does the same for the bytes it streams (providers/http/fileChunks.ts).

export interface OpenedFile {
  file: FileHandle;
  /** The stat of the opened handle: what will be read, not what the path names now. */
  info: Stats;
}

/**
 * The file at `path`, open for reading, if it is a regular file; undefined (nothing left open)
 * for a pipe, device or folder. A path that cannot be opened at all rejects with the open's error.
 */
export async function openRegularFile(path: string): Promise<OpenedFile | undefined> {
  const file = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  const info = await file.stat().catch(async (error: unknown) => {
    await file.close();
    throw error;
  });
  if (info.isFile()) return { file, info };
  await file.close();
  return undefined;
}
