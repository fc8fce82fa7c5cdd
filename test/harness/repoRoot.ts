import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * The repository root, found upwards from this file. Bundles land at different depths under out/
 * (and esbuild inlines this module into each), so a fixed number of '..' would be wrong somewhere.
 */
export function repoRoot(): string {
  let dir = __dirname;
  for (let i = 0; i < 8 && !fs.existsSync(path.join(dir, 'esbuild.js')); i++)
    dir = path.dirname(dir);
  return dir;
}
