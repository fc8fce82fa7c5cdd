import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { startKeyFront } from './secretKeyFront';

export interface VsCodeServerOptions {
  node24: string;
  serverMain: string;
  /** Holds user settings, global storage and the server's own data. */
  dataDir: string;
  extensionsDir: string;
  /** Lets the workbench run extension tests from the URL payload; hides notifications. */
  smokeTestDriver: boolean;
  env?: NodeJS.ProcessEnv;
  /** User settings for the profile, on top of the offline defaults. */
  settings?: Record<string, unknown>;
  /** Receives the server's output lines (for logs on failure). */
  onOutput?: (line: string) => void;
}

export interface VsCodeServer {
  /** Where browsers connect: the front that adds the secret-storage key route (secretKeyFront.ts). */
  port: number;
  /** The workbench's origin, without the token: for routes and permissions keyed by origin. */
  url: string;
  /** The secret every client must present; the workbench URL carries it as `tkn`. */
  connectionToken: string;
  /** The workbench address with the token, plus any query parameters (folder, payload...). */
  workbenchUrl(params?: Record<string, string>): string;
  stop(): Promise<void>;
}

const STARTUP_TIMEOUT_MS = 60_000;

function serverArgs(options: VsCodeServerOptions, tokenFile: string): string[] {
  return [
    options.serverMain,
    '--host=127.0.0.1',
    '--port=0',
    `--connection-token-file=${tokenFile}`,
    '--accept-server-license-terms',
    '--disable-workspace-trust',
    '--disable-telemetry',
    `--user-data-dir=${path.join(options.dataDir, 'user')}`,
    `--server-data-dir=${path.join(options.dataDir, 'server')}`,
    `--extensions-dir=${options.extensionsDir}`,
    ...(options.smokeTestDriver ? ['--enable-smoke-test-driver'] : []),
  ];
}

/** A sandboxed environment: nothing the server writes lands in the real home folder. */
function sandboxEnv(options: VsCodeServerOptions): NodeJS.ProcessEnv {
  const home = path.join(options.dataDir, 'home');
  fs.mkdirSync(home, { recursive: true });
  return {
    ...process.env,
    ...options.env,
    HOME: home,
    XDG_CONFIG_HOME: path.join(home, '.config'),
    XDG_DATA_HOME: path.join(home, '.local', 'share'),
    XDG_CACHE_HOME: path.join(home, '.cache'),
    VSCODE_AGENT_FOLDER: path.join(options.dataDir, 'agent'),
  };
}

function waitForPort(child: ChildProcess, options: VsCodeServerOptions): Promise<number> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error('The VS Code server did not start within 60 s')),
      STARTUP_TIMEOUT_MS,
    );
    const onData = (chunk: Buffer): void => {
      for (const line of chunk.toString('utf8').split('\n')) {
        if (line.trim()) options.onOutput?.(line);
        const match = /Extension host agent listening on (\d+)/.exec(line);
        if (match) {
          clearTimeout(timer);
          resolve(Number(match[1]));
        }
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`The VS Code server exited with code ${String(code)} before listening`));
    });
  });
}

function stopProcessGroup(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.pid === undefined) return Promise.resolve();
  const pid = child.pid;
  return new Promise((resolve) => {
    const force = setTimeout(() => killGroup(pid, 'SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(force);
      killGroup(pid, 'SIGKILL'); // extension hosts and watchers it left behind
      resolve();
    });
    killGroup(pid, 'SIGTERM');
  });
}

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}

// The machine has no internet: keep the workbench from looking for updates, experiments and
// marketplace data it cannot reach anyway.
const OFFLINE_SETTINGS = {
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
  'telemetry.telemetryLevel': 'off',
  'workbench.enableExperiments': false,
  'workbench.startupEditor': 'none',
  'chat.disableAIFeatures': true,
};

/**
 * A VS Code server looks for ports to forward by starting a process from the extension host every
 * few seconds (`findCandidatePorts`). In a CPU profile of the extension host over 20 s of the
 * latency benchmark, forking held its thread for 35-45 ms at a time, and the scan's garbage took
 * 160 ms of collection (4 ms without it): stalls in the middle of whatever a test or benchmark
 * times or waits for, on a machine that may be busy. Desktop VS Code has no ports to forward.
 */
const NO_PORT_SEARCH = {
  'remote.autoForwardPorts': false,
  // The scan runs while a tunnel provider is registered (code-server registers one) unless ports
  // are found from terminal output only.
  'remote.autoForwardPortsSource': 'output',
};

function writeUserSettings(options: VsCodeServerOptions): void {
  const settingsFile = path.join(options.dataDir, 'user', 'User', 'settings.json');
  if (fs.existsSync(settingsFile)) return;
  fs.mkdirSync(path.dirname(settingsFile), { recursive: true });
  fs.writeFileSync(
    settingsFile,
    JSON.stringify({ ...OFFLINE_SETTINGS, ...NO_PORT_SEARCH, ...options.settings }, null, 2),
  );
}

/**
 * Without a token, any local user or process that finds the port gets the workbench and its
 * terminal. The token goes in a file only this user can read, not on the command line, where `ps`
 * would show it to everyone.
 */
function writeConnectionToken(dataDir: string): { token: string; file: string } {
  const token = randomBytes(32).toString('base64url'); // the server accepts [0-9A-Za-z_-]
  const file = path.join(dataDir, 'connection-token');
  fs.mkdirSync(dataDir, { recursive: true });
  fs.writeFileSync(file, token, { mode: 0o600 });
  fs.chmodSync(file, 0o600); // an older file from a reused data folder keeps its mode otherwise
  return { token, file };
}

function workbenchUrlFor(origin: string, token: string) {
  return (params: Record<string, string> = {}): string => {
    const query = Object.entries({ tkn: token, ...params })
      .map(([name, value]) => `${name}=${encodeURIComponent(value)}`)
      .join('&');
    return `${origin}/?${query}`;
  };
}

/** Starts VS Code's server (from code-server) on a free loopback port, behind a random token. */
export async function startVsCodeServer(options: VsCodeServerOptions): Promise<VsCodeServer> {
  fs.mkdirSync(options.extensionsDir, { recursive: true });
  writeUserSettings(options);
  const { token, file } = writeConnectionToken(options.dataDir);
  const child = spawn(options.node24, serverArgs(options, file), {
    env: sandboxEnv(options),
    detached: true, // own process group, so stop() also ends the extension hosts
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  try {
    const front = await startKeyFront(await waitForPort(child, options), token);
    const url = `http://127.0.0.1:${front.port}`;
    return {
      port: front.port,
      url,
      connectionToken: token,
      workbenchUrl: workbenchUrlFor(url, token),
      stop: async () => {
        await front.stop();
        await stopProcessGroup(child);
      },
    };
  } catch (error) {
    await stopProcessGroup(child);
    throw error;
  }
}
