// Extension-tests entry for bench/activation.ts, run inside real VS Code's extension host with a
// fresh profile: activates one extension once (a cold activation) and records how long it took.
import * as fs from 'node:fs';
import * as vscode from 'vscode';

/** VS Code activates its built-in extensions as the window opens; let that finish first. */
const SETTLE_MS = 2000;

export interface ActivationResult {
  extensionId: string;
  /** What the extension measured around its own activate body (TwinChatApi.activationMs). */
  activateMs: number | undefined;
  /** From extension.activate() called to resolved: loading the bundle, then activate. */
  callerMs: number;
  node: string;
  vscode: string;
}

interface Measured {
  activationMs?: unknown;
}

export async function run(): Promise<void> {
  const id = process.env.TWIN_CHAT_BENCH_EXTENSION ?? '';
  const extension = vscode.extensions.getExtension<Measured | undefined>(id);
  if (!extension) throw new Error(`${id} is not loaded`);
  await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
  if (extension.isActive) throw new Error(`${id} is already active: not a cold activation`);
  const started = performance.now();
  const api = await extension.activate();
  const callerMs = performance.now() - started;
  const result: ActivationResult = {
    extensionId: id,
    activateMs: typeof api?.activationMs === 'number' ? api.activationMs : undefined,
    callerMs,
    node: process.version,
    vscode: vscode.version,
  };
  fs.writeFileSync(process.env.TWIN_CHAT_BENCH_RESULT ?? '', JSON.stringify(result));
}
