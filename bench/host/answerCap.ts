// Extension-tests entry for bench/answerCap.ts, inside real VS Code's extension host: a KamiMind
// bot whose server (the simulator, in the bench's own process) streams an answer without end.
// Samples this process's memory while idle and while the answer streams until the cap cuts it,
// then reads the conversation file back. The result goes to TWIN_CHAT_BENCH_RESULT as JSON.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { Commands, EXTENSION_ID } from '../../src/constants';
import type { TwinChatApi } from '../../src/extension';
import { scriptPrompts } from '../../test/integration/prompts';
import { DEMO_CREDENTIALS } from '../../test/simulator/credentials';
import { env, max, middle, reduce, sample, sleep, type Memory } from './memory';

const BOT = 'Bench bot';

export interface AnswerCapResult {
  /** Medians over the idle window just before the send. */
  idle: Memory;
  /** Highest sample while the endless answer streamed and was cut. */
  peak: Memory;
  samples: number;
  /** From the send to the answer's end (the cut). */
  sendMs: number;
  /** The streamed answer as the conversation file holds it. */
  saved: { status: string; errorKind?: string; textChars: number; fileBytes: number };
}

function step(what: string): void {
  console.log(`[bench answerCap] ${what}`);
}

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 200 && !condition(); i++) await sleep(50);
  if (!condition()) throw new Error(`timed out waiting for ${what}`);
}

async function setUp(): Promise<void> {
  const extension = vscode.extensions.getExtension<TwinChatApi>(EXTENSION_ID);
  if (!extension) throw new Error(`${EXTENSION_ID} is not loaded`);
  const api = await extension.activate();
  const config = vscode.workspace.getConfiguration('twinChat');
  const global = vscode.ConfigurationTarget.Global;
  await config.update('twinExpert.baseUrl', env('TWIN_CHAT_BENCH_TE_URL'), global);
  await config.update('kamiMind.baseUrl', env('TWIN_CHAT_BENCH_KM_URL'), global);
  const prompts = scriptPrompts();
  prompts.inputs.push(BOT, DEMO_CREDENTIALS.kamiMindBotToken, DEMO_CREDENTIALS.kamiMindToken);
  await vscode.commands.executeCommand(Commands.addKamiMindBot);
  await until(() => prompts.messages.some((m) => /KamiMind token saved/.test(m)), 'the token');
  await vscode.commands.executeCommand(Commands.selectTarget, BOT);
  await vscode.commands.executeCommand(Commands.openChat);
  await api.whenChatViewReady();
  step('chat view ready');
  const editor = await vscode.window.showTextDocument(
    vscode.Uri.file(env('TWIN_CHAT_BENCH_SAMPLE')),
  );
  editor.selection = new vscode.Selection(0, 0, 0, 20);
}

/**
 * The extension's conversations folder. Its global storage lives in the profile this run's
 * VS Code was started with, which holds this entry too (bench/lib/vscodeRun.ts places it there).
 */
function conversationsDir(): string {
  const profile = path.resolve(__dirname, '..', '..');
  const found = fs
    .readdirSync(profile, { recursive: true, encoding: 'utf8' })
    .find((entry) =>
      entry.endsWith(path.join('globalStorage', EXTENSION_ID.toLowerCase(), 'conversations')),
    );
  if (!found) throw new Error(`no conversations folder under ${profile}`);
  return path.join(profile, found);
}

function savedAnswer(): AnswerCapResult['saved'] {
  const dir = conversationsDir();
  const file = fs.readdirSync(dir).find((name) => name !== 'index.json' && name.endsWith('.json'));
  if (!file) throw new Error('no conversation file');
  const text = fs.readFileSync(path.join(dir, file), 'utf8');
  const conversation = JSON.parse(text) as {
    messages: { role: string; status: string; text: string; error?: { kind: string } }[];
  };
  const answer = conversation.messages.at(-1);
  if (answer?.role !== 'assistant') throw new Error('the conversation has no answer');
  return {
    status: answer.status,
    ...(answer.error && { errorKind: answer.error.kind }),
    textChars: answer.text.length,
    fileBytes: Buffer.byteLength(text),
  };
}

export async function run(): Promise<void> {
  await setUp();
  const idleSampler = sample();
  await sleep(Number(env('TWIN_CHAT_BENCH_IDLE_MS')));
  const idleSamples = idleSampler.stop();
  const streaming = sample();
  const started = performance.now();
  await vscode.commands.executeCommand(Commands.sendSelection); // resolves once the answer ended
  const sendMs = performance.now() - started;
  const samples = streaming.stop();
  step(`answer ended after ${Math.round(sendMs)} ms`);
  const result: AnswerCapResult = {
    idle: reduce(idleSamples, middle),
    peak: reduce(samples, max),
    samples: samples.length,
    sendMs,
    saved: savedAnswer(),
  };
  fs.writeFileSync(env('TWIN_CHAT_BENCH_RESULT'), JSON.stringify(result));
}
