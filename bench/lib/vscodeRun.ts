// Runs one bench entry (bench/host/*.ts, compiled to out/bench/host/) inside real VS Code with the
// integration suite's harness: runTests -> test/harness/vscode-test-launcher -> a fresh VS Code
// server and headless Chromium. A fresh profile and server every time: each call is a cold start.
// The entry writes its measurements as JSON to the file named by TWIN_CHAT_BENCH_RESULT.
import { runTests } from '@vscode/test-electron';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Writable } from 'node:stream';
import { repoRoot } from '../../test/harness/repoRoot';
import { scratch } from './shipped';

export interface VsCodeRun {
  /** The extension folder VS Code loads (the unpacked .vsix, or a baseline extension). */
  extensionPath: string;
  /** The compiled entry, e.g. `activation` for out/bench/host/activation.js. */
  entry: string;
  /** A folder to open; an empty one when omitted. */
  workspace?: string;
  env?: Record<string, string>;
  /**
   * Runs the entry from inside a copy of the extension's folder. VS Code hands each extension its
   * own `vscode` API object, chosen by the requiring file's folder; an entry that stands in for
   * the user at the UI boundary (test/integration/prompts.ts) must share the extension's.
   */
  entryInsideExtension?: boolean;
  /** Ends a run that hangs (the launcher's own limit is 10 minutes). */
  timeoutMs?: number;
}

/** Collects a child's output, shown only if the run fails. */
function collector(): { stream: Writable; text: () => string } {
  const chunks: Buffer[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk);
      done();
    },
  });
  return { stream, text: () => Buffer.concat(chunks).toString('utf8') };
}

/** The extension folder and the entry to use; the compiled entry bundles all project code it needs. */
function placeEntry(options: VsCodeRun, profile: string): { extension: string; entry: string } {
  const entry = path.join(repoRoot(), 'out', 'bench', 'host', `${options.entry}.js`);
  if (!options.entryInsideExtension) return { extension: options.extensionPath, entry };
  const extension = path.join(profile, 'extension');
  fs.cpSync(options.extensionPath, extension, { recursive: true });
  const inside = path.join(extension, 'bench-host', `${options.entry}.js`);
  fs.mkdirSync(path.dirname(inside), { recursive: true });
  fs.copyFileSync(entry, inside);
  return { extension, entry: inside };
}

export async function runInVsCode<T>(options: VsCodeRun): Promise<T> {
  const root = repoRoot();
  const profile = scratch('twin-chat-bench-profile-');
  const placed = placeEntry(options, profile);
  const workspace = options.workspace ?? path.join(profile, 'workspace');
  fs.mkdirSync(workspace, { recursive: true });
  const result = path.join(profile, 'result.json');
  const output = collector();
  try {
    await runTests({
      vscodeExecutablePath: path.join(root, 'test', 'harness', 'vscode-test-launcher'),
      extensionDevelopmentPath: placed.extension,
      extensionTestsPath: placed.entry,
      launchArgs: [
        workspace,
        `--user-data-dir=${path.join(profile, 'data')}`,
        `--extensions-dir=${path.join(profile, 'extensions')}`,
      ],
      extensionTestsEnv: {
        ...options.env,
        TWIN_CHAT_BENCH_RESULT: result,
        TWIN_CHAT_TEST_TIMEOUT_MS: String(options.timeoutMs ?? 120_000),
      },
      stdout: output.stream,
      stderr: output.stream,
    });
    const measured = JSON.parse(fs.readFileSync(result, 'utf8')) as T;
    return measured;
  } catch (error) {
    console.error(output.text());
    throw error;
  } finally {
    output.stream.end();
    fs.rmSync(profile, { recursive: true, force: true });
  }
}
