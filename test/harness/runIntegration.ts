import { runTests } from '@vscode/test-electron';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { RESULTS_DIR, readSuiteCounts, resultsPath, writeSuiteCounts } from './resultsFile';
import { ensureToolchain } from './toolchain';

// `npm run test:integration`: mocha inside real VS Code (1.139, from code-server) through
// runTests, with the project's launcher standing in for the VS Code executable.

const root = path.resolve(__dirname, '..', '..', '..');
const SUITE = 'integration'; // the name test/integration/index.ts reports under

/** `--file <name>` and `--grep <pattern>` run part of the suite; test/integration/index.ts applies them. */
function filterEnv(): Record<string, string> {
  const { values } = parseArgs({ options: { file: { type: 'string' }, grep: { type: 'string' } } });
  return {
    ...(values.file ? { TWIN_CHAT_TEST_FILE: values.file } : {}),
    ...(values.grep ? { TWIN_CHAT_TEST_GREP: values.grep } : {}),
  };
}

async function main(): Promise<void> {
  // So that a run which cannot start is not mistaken for an earlier run's results.
  fs.rmSync(resultsPath(SUITE), { force: true });
  const filter = filterEnv(); // before the toolchain, so a mistyped option fails at once
  ensureToolchain(); // install up front so its progress is visible and errors are clear
  // A fresh profile per run: tests must not depend on what an earlier run left in global storage.
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'twin-chat-profile-'));
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'twin-chat-workspace-'));
  fs.writeFileSync(path.join(workspace, 'sample.ts'), 'export const answer = 42;\n');
  await runTests({
    vscodeExecutablePath: path.join(root, 'test', 'harness', 'vscode-test-launcher'),
    extensionDevelopmentPath: root,
    extensionTestsPath: path.join(root, 'out', 'test', 'integration', 'index.js'),
    launchArgs: [
      workspace,
      `--user-data-dir=${path.join(profile, 'data')}`,
      `--extensions-dir=${path.join(profile, 'extensions')}`,
    ],
    extensionTestsEnv: {
      TWIN_CHAT_RESULTS_DIR: RESULTS_DIR,
      TWIN_CHAT_TEST_PROFILE: profile,
      ...filter,
    },
  });
  fs.rmSync(profile, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
  fs.rmSync(workspace, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  console.error(`Integration tests failed: ${message}`);
  // No counts means the tests never ran or never finished (toolchain, VS Code server, a crash):
  // record that as a failure with its cause, for the totalled line to print.
  if (typeof readSuiteCounts(SUITE) === 'string') {
    writeSuiteCounts({
      suite: SUITE,
      passed: 0,
      failed: 1,
      pending: 0,
      reason: `ended without results: ${message}`,
    });
  }
  process.exit(1);
});
