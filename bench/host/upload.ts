// Extension-tests entry for bench/upload.ts, inside real VS Code's extension host: sets Twin Chat
// up against the simulator (which runs in the bench's own process, so its memory is not counted
// here), then samples this process's memory while idle and while a big file goes through the
// extension's real path: Attach File (a file URI), Send Selection to a KamiMind bot, and the
// answer; twice. The result goes to TWIN_CHAT_BENCH_RESULT as JSON.
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { Commands, EXTENSION_ID } from '../../src/constants';
import type { TwinChatApi } from '../../src/extension';
import { eventually } from '../../test/harness/eventually';
import { scriptPrompts } from '../../test/integration/prompts';
import { DEMO_CREDENTIALS } from '../../test/simulator/credentials';
import { env, max, middle, reduce, sample, sleep, type Memory } from './memory';

const BOT = 'Bench bot';

export interface UploadRun {
  /** Medians over the idle window just before the send. */
  idle: Memory;
  /** Highest sample in the idle window: how much memory wobbles with nothing to do. */
  idlePeak: Memory;
  /** Highest sample while attaching, sending and receiving the answer. */
  peak: Memory;
  samples: number;
  sendMs: number;
}

function step(what: string): void {
  console.log(`[bench upload] ${what}`);
}

/** Base URLs, the size limit and a KamiMind bot with the simulator's demo credentials. */
async function setUp(): Promise<TwinChatApi> {
  const extension = vscode.extensions.getExtension<TwinChatApi>(EXTENSION_ID);
  if (!extension) throw new Error(`${EXTENSION_ID} is not loaded`);
  const api = await extension.activate();
  step('activated');
  const config = vscode.workspace.getConfiguration('twinChat');
  const global = vscode.ConfigurationTarget.Global;
  await config.update('twinExpert.baseUrl', env('TWIN_CHAT_BENCH_TE_URL'), global);
  await config.update('kamiMind.baseUrl', env('TWIN_CHAT_BENCH_KM_URL'), global);
  await config.update('attachments.maxSizeMB', 500, global);
  const prompts = scriptPrompts();
  prompts.inputs.push(BOT, DEMO_CREDENTIALS.kamiMindBotToken, DEMO_CREDENTIALS.kamiMindToken);
  await vscode.commands.executeCommand(Commands.addKamiMindBot);
  step('bot added');
  // Adding the first bot asks for the KamiMind token next, which ends with this message.
  await eventually(() => prompts.messages.some((m) => /KamiMind token saved/.test(m)), 'the token');
  // Lists the targets (and so loads the network client) before anything is measured.
  await vscode.commands.executeCommand(Commands.selectTarget, BOT);
  step('target selected');
  await vscode.commands.executeCommand(Commands.openChat);
  await api.whenChatViewReady();
  step('chat view ready');
  const editor = await vscode.window.showTextDocument(
    vscode.Uri.file(env('TWIN_CHAT_BENCH_SAMPLE')),
  );
  editor.selection = new vscode.Selection(0, 0, 0, 20);
  return api;
}

async function measure(file: vscode.Uri, idleMs: number): Promise<UploadRun> {
  const idleSampler = sample();
  await sleep(idleMs);
  const idleSamples = idleSampler.stop();
  const sending = sample();
  const started = performance.now();
  await vscode.commands.executeCommand(Commands.attachFile, file);
  step('attached');
  await vscode.commands.executeCommand(Commands.sendSelection); // resolves once the answer ended
  const sendMs = performance.now() - started;
  step(`sent and answered in ${Math.round(sendMs)} ms`);
  const sendSamples = sending.stop();
  return {
    idle: reduce(idleSamples, middle),
    idlePeak: reduce(idleSamples, max),
    peak: reduce(sendSamples, max),
    samples: sendSamples.length,
    sendMs,
  };
}

export interface UploadResult {
  /** The first send in this extension host: includes what any first send costs once. */
  first: UploadRun;
  /** The same file again: what the file itself costs once the host has sent before. */
  second: UploadRun;
}

export async function run(): Promise<void> {
  await setUp();
  const file = vscode.Uri.file(env('TWIN_CHAT_BENCH_FILE'));
  const idleMs = Number(env('TWIN_CHAT_BENCH_IDLE_MS'));
  const first = await measure(file, idleMs);
  const second = await measure(file, idleMs);
  const result: UploadResult = { first, second };
  fs.writeFileSync(env('TWIN_CHAT_BENCH_RESULT'), JSON.stringify(result));
}
