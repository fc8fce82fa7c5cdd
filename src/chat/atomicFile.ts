import { randomBytes } from 'node:crypto';
import type { Stats } from 'node:fs';
import * as fs from 'node:fs/promises';

/**
 * Writes through a temporary file and a rename, so a crash mid-write leaves either the old file
 * or the new one, never half of each. Owner-only by default: conversations hold file text the
 * user attached, even a secret file they confirmed, verbatim. Resolves to the written file's
 * stats, taken before the rename: after it, they could be another process's file written since.
 */
export async function writeFileAtomic(
  file: string,
  contents: string,
  mode = 0o600,
): Promise<Stats> {
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    // `wx`: a fresh file, so `mode` applies (it is ignored when a file is reused).
    await fs.writeFile(temporary, contents, { encoding: 'utf8', mode, flag: 'wx' });
    const written = await fs.stat(temporary);
    await fs.rename(temporary, file);
    return written;
  } catch (error) {
    await fs.rm(temporary, { force: true });
    throw error;
  }
}
