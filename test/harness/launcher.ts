import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { launchChromium } from './browser';
import { ensureToolchain } from './toolchain';
import { printWorkbenchLog } from './workbenchLog';
import { startVsCodeServer, type VsCodeServer } from './vscodeServer';

// The "VS Code executable" handed to @vscode/test-electron's runTests. No Electron build can be
// downloaded here, so this stands in for it: it takes the same arguments, runs VS Code's server
// from code-server, opens the workbench in headless Chromium with the extension-test payload, and
// exits with the tests' exit code.

const RUN_TIMEOUT_MS = Number(process.env.TWIN_CHAT_TEST_TIMEOUT_MS ?? 10 * 60_000);

interface LaunchArgs {
  extensionDevelopmentPath: string;
  extensionTestsPath: string;
  extensionsDir?: string;
  userDataDir?: string;
  folder?: string;
}

function parseLaunchArgs(argv: string[]): LaunchArgs {
  const value = (name: string): string | undefined =>
    argv.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);
  const folder = argv.find((arg) => !arg.startsWith('-'));
  const extensionDevelopmentPath = value('extensionDevelopmentPath');
  const extensionTestsPath = value('extensionTestsPath');
  if (!extensionDevelopmentPath || !extensionTestsPath) {
    throw new Error('launcher needs --extensionDevelopmentPath= and --extensionTestsPath=');
  }
  return {
    extensionDevelopmentPath,
    extensionTestsPath,
    extensionsDir: value('extensions-dir'),
    userDataDir: value('user-data-dir'),
    folder,
  };
}

function workbenchUrl(server: VsCodeServer, args: LaunchArgs): string {
  const remote = (p: string): string =>
    `vscode-remote://127.0.0.1:${server.port}${path.resolve(p)}`;
  const payload = [
    ['extensionDevelopmentPath', remote(args.extensionDevelopmentPath)],
    ['extensionTestsPath', remote(args.extensionTestsPath)],
    ['skipWelcome', 'true'],
  ];
  const folder: Record<string, string> = args.folder ? { folder: path.resolve(args.folder) } : {};
  return server.workbenchUrl({ ...folder, payload: JSON.stringify(payload) });
}

async function run(args: LaunchArgs): Promise<number> {
  const toolchain = ensureToolchain({ quiet: true });
  const dataDir = args.userDataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'twin-chat-vscode-'));
  const server = await startVsCodeServer({
    ...toolchain,
    dataDir,
    extensionsDir: args.extensionsDir ?? path.join(dataDir, 'extensions'),
    smokeTestDriver: true,
    onOutput: (line) => {
      if (process.env.TWIN_CHAT_SERVER_LOG) console.log(`[server] ${line}`);
    },
  });
  const browser = await launchChromium(toolchain.chromium);
  try {
    const page = await browser.newPage();
    const exitCode = new Promise<number>((resolve) => {
      void page.exposeFunction('codeAutomationExit', (code: number) => resolve(code));
      setTimeout(() => {
        console.error(`Extension tests did not finish within ${RUN_TIMEOUT_MS / 1000} s`);
        resolve(1);
      }, RUN_TIMEOUT_MS).unref();
    });
    await page.exposeFunction('codeAutomationLog', printWorkbenchLog);
    await page.goto(workbenchUrl(server, args));
    return await exitCode;
  } finally {
    await browser.close();
    await server.stop();
  }
}

run(parseLaunchArgs(process.argv.slice(2))).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
