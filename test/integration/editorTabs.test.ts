import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { parseConversation } from '../../src/chat/conversationFile';
import type { Conversation, StoredMessage } from '../../src/chat/model';
import type { ChatSurfaceSnapshot } from '../../src/chat/surfaceSnapshot';
import { Commands, EXTENSION_ID } from '../../src/constants';
import { eventually } from '../harness/eventually';
import { DEMO_CREDENTIALS, type Simulator } from '../simulator/server';
import { scriptPrompts, type PromptScript } from './prompts';
import {
  activeExtension,
  addFirstKamiMindBot,
  clearCredentials,
  simulatorForExtension,
  workspaceFile,
} from './vscodeHelpers';

// Chats in editor tabs, in real VS Code against the simulator: each tab is its own conversation,
// answers stream at the same time, and Stop in one leaves the other alone.

const TWIN = 'twinexpert:twin-typescript';
const BOT = 'Demo bot';
const profile = process.env.TWIN_CHAT_TEST_PROFILE ?? '';
const conversationsDir = path.join(
  profile,
  'data',
  'User',
  'globalStorage',
  EXTENSION_ID,
  'conversations',
);

function savedConversation(id: string): Conversation | undefined {
  const file = path.join(conversationsDir, `${id}.json`);
  return fs.existsSync(file) ? parseConversation(fs.readFileSync(file, 'utf8')) : undefined;
}

/** The conversation's messages once its answer is on disk in a final state. */
async function finalMessages(id: string): Promise<StoredMessage[]> {
  let messages: StoredMessage[] = [];
  await eventually(() => {
    messages = savedConversation(id)?.messages ?? [];
    return messages.length > 0 && messages.every((m) => m.status !== 'streaming');
  }, `conversation ${id} saved with its answer ended`);
  return messages;
}

async function surfaces(): Promise<ChatSurfaceSnapshot[]> {
  return (await activeExtension()).chatSurfaces();
}

async function editorTabs(): Promise<ChatSurfaceSnapshot[]> {
  return (await surfaces()).filter((s) => s.kind === 'editor');
}

/** Opens a new editor tab and asks it `question` about sample.ts; resolves when the answer ends. */
async function askInNewTab(prompts: PromptScript, question: string): Promise<Thenable<unknown>> {
  const before = (await editorTabs()).length;
  await vscode.commands.executeCommand(Commands.newChatInEditor);
  await eventually(async () => (await editorTabs()).length === before + 1, 'the new tab');
  // The tab stays the chat commands act on while the user selects code in an editor.
  const editor = await vscode.window.showTextDocument(workspaceFile('sample.ts'), {
    viewColumn: vscode.ViewColumn.Beside,
  });
  editor.selection = new vscode.Selection(0, 0, 0, 25);
  prompts.inputs.push(question);
  return vscode.commands.executeCommand(Commands.askAboutSelection);
}

describe('chats in editor tabs', () => {
  let sim: Simulator;
  let prompts: PromptScript & { restore(): void };

  before(async () => {
    sim = await simulatorForExtension();
    prompts = scriptPrompts();
    await clearCredentials(prompts);
    prompts.inputs.push(DEMO_CREDENTIALS.twinExpertApiKey);
    await vscode.commands.executeCommand(Commands.setTwinExpertKey);
    await addFirstKamiMindBot(prompts, BOT);
  });

  after(async () => {
    prompts.restore();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await sim.stop();
  });

  beforeEach(async () => {
    sim.reset();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    // The sidebar's choice is what new tabs start from.
    await vscode.commands.executeCommand(Commands.openChat);
    await vscode.commands.executeCommand(Commands.selectTarget, TWIN);
  });

  it('streams answers in two tabs at once, each tab ending with exactly its own answer', async () => {
    sim.configure({ fault: { kind: 'longAnswer', deltas: 600 }, tokenDelayMs: 3 });
    const first = await askInNewTab(prompts, 'Question for the first tab');
    const second = await askInNewTab(prompts, 'Question for the second tab');
    await eventually(
      async () => (await editorTabs()).filter((t) => t.streaming).length === 2,
      'both tabs streaming at the same time',
    );
    await Promise.all([first, second]);
    const [a, b] = await editorTabs();
    assert.ok(a && b && a.conversationId !== b.conversationId, 'two tabs, two conversations');
    const answers = [await finalMessages(a.conversationId), await finalMessages(b.conversationId)];
    for (const [i, question] of ['first', 'second'].entries()) {
      const messages = answers[i] ?? [];
      assert.equal(messages.length, 2, 'one question and one answer in each tab');
      const answer = messages[1];
      assert.equal(answer?.status, 'complete');
      assert.match(answer?.text ?? '', new RegExp(`Question for the ${question} tab`));
      assert.match(answer?.text ?? '', /Đoạn 599:/, 'the whole answer');
    }
  });

  it('Stop in one tab stops that answer only; the other completes', async () => {
    sim.configure({ fault: { kind: 'longAnswer', deltas: 1500 }, tokenDelayMs: 2 });
    const first = await askInNewTab(prompts, 'Let me finish');
    const second = await askInNewTab(prompts, 'Stop me');
    await eventually(
      async () => (await editorTabs()).filter((t) => t.streaming).length === 2,
      'both tabs streaming at the same time',
    );
    // The second tab is the one the user used last, so Stop acts on it.
    await vscode.commands.executeCommand(Commands.stopAnswer);
    await Promise.all([first, second]);
    const [kept, stopped] = await editorTabs();
    assert.ok(kept && stopped);
    const keptAnswer = (await finalMessages(kept.conversationId))[1];
    const stoppedAnswer = (await finalMessages(stopped.conversationId))[1];
    assert.equal(stoppedAnswer?.status, 'stopped');
    assert.match(stoppedAnswer?.text ?? '', /Stop me/);
    assert.equal(keptAnswer?.status, 'complete');
    assert.match(keptAnswer?.text ?? '', /Let me finish[\s\S]*Đoạn 1499:/);
  });
});
