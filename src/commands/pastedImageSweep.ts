import * as fs from 'node:fs/promises';
import * as path from 'node:path';

// Pasted images are written under global storage (pastedImage.ts), one folder per paste named by
// a random UUID, and nothing else would ever remove them. A paste is attached, sent (and sent
// again on Retry) within a working session, so one left for a day is kept by nothing a user still
// looks at: the first paste of a session removes those. Plain Node, so it is tested without VS Code.

/** How long a pasted image is kept: a working day's Retry and a queued chip across reloads. */
export const PASTED_IMAGE_MAX_AGE_MS = 24 * 60 * 60 * 1000;

/** The folders pastes are written into; anything else in the folder is never touched. */
const PASTE_FOLDER = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Removes the paste folders under `folder` last written before `now - maxAgeMs`; returns how many.
 * A folder that cannot be read or removed is left for the next sweep.
 */
export async function sweepOldPastes(
  folder: string,
  now: number,
  maxAgeMs = PASTED_IMAGE_MAX_AGE_MS,
): Promise<number> {
  const entries = await fs.readdir(folder, { withFileTypes: true }).catch(() => []);
  let removed = 0;
  for (const entry of entries) {
    if (!entry.isDirectory() || !PASTE_FOLDER.test(entry.name)) continue;
    const paste = path.join(folder, entry.name);
    const info = await fs.stat(paste).catch(() => undefined);
    if (!info || now - info.mtimeMs <= maxAgeMs) continue;
    await fs.rm(paste, { recursive: true, force: true }).then(
      () => (removed += 1),
      () => undefined,
    );
  }
  return removed;
}
