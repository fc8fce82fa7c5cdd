import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs/promises';

/**
 * Writes through a temporary file and a rename, so a crash mid-write leaves either the old file
 * or the new one, never half of each.
 */
export async function writeFileAtomic(file: string, contents: string): Promise<void> {
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await fs.writeFile(temporary, contents, 'utf8');
    await fs.rename(temporary, file);
  } catch (error) {
    await fs.rm(temporary, { force: true });
    throw error;
  }
}
