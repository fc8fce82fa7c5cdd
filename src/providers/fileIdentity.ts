import type { FileIdentity } from './types';

/**
 * Whether two looks at a path saw the same file, unchanged: same device and inode (not swapped
 * for another file or a link's target) and same size and modification time (not rewritten).
 * No dependencies, so host code may import it without loading the network client.
 */
export function isSameFile(before: FileIdentity, now: FileIdentity): boolean {
  return (
    before.dev === now.dev &&
    before.ino === now.ino &&
    before.size === now.size &&
    before.mtimeMs === now.mtimeMs
  );
}
