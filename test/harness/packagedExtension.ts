import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { repoRoot } from './repoRoot';
import type { Toolchain } from './toolchain';

// The extension as users get it: the .vsix that `npm run package` ships, installed into the VS Code
// server the way `code --install-extension` would. `npm start` and the end-to-end suite use it, so
// they exercise the packaged files (production bundles, .vscodeignore), not the working tree.

/** Builds the production .vsix into `dir` and returns its path. */
export function packageVsix(dir: string, options: { quiet?: boolean } = {}): string {
  const vsix = path.join(dir, 'twin-chat.vsix');
  execFileSync('npm', ['run', '--silent', 'package', '--', '--out', vsix], {
    cwd: repoRoot(),
    stdio: options.quiet ? 'pipe' : 'inherit',
  });
  return vsix;
}

/** Installs a .vsix into an extensions folder with the VS Code server's own installer. */
export function installVsix(
  toolchain: Toolchain,
  vsix: string,
  extensionsDir: string,
  options: { quiet?: boolean } = {},
): void {
  execFileSync(
    toolchain.node24,
    [toolchain.serverMain, '--install-extension', vsix, '--extensions-dir', extensionsDir],
    { stdio: options.quiet ? 'pipe' : 'inherit' },
  );
}
