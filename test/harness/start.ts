import { execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startSimulator } from '../simulator/server';
import { DEMO_SIMULATOR_CONFIG, demoEnv } from './demoLaunch';
import { installVsix, packageVsix } from './packagedExtension';
import { ensureToolchain, type Toolchain } from './toolchain';
import { startVsCodeServer } from './vscodeServer';

// `npm start`: Twin Chat working in a minute, without an account. Packages the extension, starts
// the local simulator, and opens VS Code with the extension installed and pointed at it: desktop
// VS Code when a `code` command exists (a development host with its own profile), otherwise the
// VS Code server from code-server, whose URL is printed. Ctrl-C stops everything.

const root = path.resolve(__dirname, '..', '..', '..');
const say = (message: string): void => console.log(`[start] ${message}`);
/** `npm start -- --verbose` (or npm's own --verbose) shows what the tools print, file lists too. */
const verbose = process.argv.includes('--verbose') || process.env.npm_config_loglevel === 'verbose';

function hasCommand(command: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function demoWorkspace(dir: string): string {
  const workspace = path.join(dir, 'workspace');
  fs.mkdirSync(workspace, { recursive: true });
  fs.writeFileSync(
    path.join(workspace, 'hello.ts'),
    'export function greet(name: string): string {\n  return `Hello, ${name}!`;\n}\n',
  );
  return workspace;
}

async function startInBrowser(
  toolchain: Toolchain,
  dir: string,
  settings: Record<string, unknown>,
  env: NodeJS.ProcessEnv,
) {
  const extensionsDir = path.join(dir, 'extensions');
  say('packaging the extension (npm run package)');
  const vsix = packageVsix(dir, { quiet: !verbose });
  say(`packaged ${path.basename(vsix)} (${Math.round(fs.statSync(vsix).size / 1024)} KB)`);
  installVsix(toolchain, vsix, extensionsDir, { quiet: !verbose });
  say('installed it into the VS Code server');
  const server = await startVsCodeServer({
    ...toolchain,
    dataDir: path.join(dir, 'vscode'),
    extensionsDir,
    smokeTestDriver: false,
    settings,
    env,
  });
  return server;
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'twin-chat-start-'));
  const simulator = await startSimulator({
    port: Number(process.env.TWIN_CHAT_SIMULATOR_PORT ?? 0),
    config: DEMO_SIMULATOR_CONFIG,
  });
  say(`demo server (simulator) at ${simulator.url}`);
  const settings = {
    'twinChat.twinExpert.baseUrl': simulator.twinExpertBaseUrl,
    'twinChat.kamiMind.baseUrl': simulator.kamiMindBaseUrl,
    // The built-in chat's empty side bar would only take room from the editor.
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
  };
  const env = demoEnv(simulator.url);
  const workspace = demoWorkspace(dir);
  const stops: (() => Promise<void> | void)[] = [() => simulator.stop()];

  if (hasCommand('code') && !process.env.TWIN_CHAT_START_BROWSER) {
    const userData = path.join(dir, 'code-profile');
    fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
    fs.writeFileSync(
      path.join(userData, 'User', 'settings.json'),
      JSON.stringify(settings, null, 2),
    );
    say('opening desktop VS Code with Twin Chat in its own profile (your settings are untouched)');
    const code = spawn(
      'code',
      [
        '--new-window',
        `--user-data-dir=${userData}`,
        `--extensionDevelopmentPath=${root}`,
        workspace,
      ],
      {
        env: { ...process.env, ...env },
        stdio: 'inherit',
      },
    );
    stops.push(() => void code.kill());
  } else {
    const toolchain = ensureToolchain();
    const server = await startInBrowser(toolchain, dir, settings, env);
    stops.push(() => server.stop());
    say('');
    say(`Twin Chat is ready. Open this address in your browser:`);
    say(`  ${server.workbenchUrl({ folder: workspace })}`);
    say('(the address holds a secret token: without it the server lets nobody in)');
  }
  say('In the Twin Chat view (activity bar), press "Try the Demo Server": no account needed.');
  say('Press Ctrl-C to stop everything.');

  const stop = async (): Promise<void> => {
    say('stopping');
    for (const step of stops.reverse()) await step();
    fs.rmSync(dir, { recursive: true, force: true });
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  console.error(`npm start failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
