import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { parseConversation } from '../../src/chat/conversationFile';
import type { Conversation, StoredMessage } from '../../src/chat/model';
import type { ChatSurfaceSnapshot } from '../../src/chat/surfaceSnapshot';
import { Commands } from '../../src/constants';
import { eventually } from '../harness/eventually';
import type { Simulator } from '../simulator/server';
import type { PromptScript } from './prompts';
import {
  connectSignedIn,
  disconnect,
  forgetEarlierTests,
  type SimulatorConnection,
} from './simulatorConnection';
import { activeExtension, workspaceFile } from './vscodeHelpers';

// Chats in editor tabs, in real VS Code against the simulator: each tab is its own conversation,
// answers stream at the same time, and Stop in one leaves the other alone.

const TWIN = 'twinexpert:twin-typescript';
/** A 1x1 PNG, as the page posts a pasted image (base64). */
const PNG =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==';
const SIDE_NOTES = '# Side notes\nread by both\n';
const BOT = 'Demo bot';
const profile = process.env.TWIN_CHAT_TEST_PROFILE ?? '';

/** The conversation's file, wherever the server keeps global storage under the test profile. */
function conversationFile(id: string, folder = profile): string | undefined {
  for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
    const full = path.join(folder, entry.name);
    if (entry.isFile() && entry.name === `${id}.json`) return full;
    if (entry.isDirectory()) {
      const found = conversationFile(id, full);
      if (found) return found;
    }
  }
  return undefined;
}

function savedConversation(id: string): Conversation | undefined {
  const file = conversationFile(id);
  return file ? parseConversation(fs.readFileSync(file, 'utf8')) : undefined;
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

/**
 * Opens a new editor tab and asks it `question` about sample.ts; returns once that tab's answer
 * streams, and `answered` settles when it ends. Waiting for the stream matters: the command
 * reveals its chat before sending, and a reveal the workbench carries out after the next tab
 * opened would make the earlier tab the focused one again, where a second question is kept in
 * the message box (an answer is streaming there) instead of being asked.
 */
async function askInNewTab(
  prompts: PromptScript,
  question: string,
): Promise<{ answered: Thenable<unknown> }> {
  const before = new Set((await editorTabs()).map((t) => t.conversationId));
  await vscode.commands.executeCommand(Commands.newChatInEditor);
  let tab: ChatSurfaceSnapshot | undefined;
  await eventually(async () => {
    tab = (await editorTabs()).find((t) => !before.has(t.conversationId));
    return tab !== undefined;
  }, 'the new tab');
  // The tab stays the chat commands act on while the user selects code in an editor. A webview
  // that is still loading can take the focus back, so the editor is shown until it has it.
  const sample = workspaceFile('sample.ts');
  let editor: vscode.TextEditor | undefined;
  await eventually(async () => {
    editor = await vscode.window.showTextDocument(sample, { viewColumn: vscode.ViewColumn.Beside });
    return vscode.window.activeTextEditor === editor;
  }, 'sample.ts focused beside the tab');
  if (!editor) throw new Error('sample.ts was not shown');
  editor.selection = new vscode.Selection(0, 0, 0, 25);
  prompts.inputs.push(question);
  const answered = vscode.commands.executeCommand(Commands.askAboutSelection);
  const id = tab?.conversationId;
  await eventually(
    async () => (await editorTabs()).some((t) => t.conversationId === id && t.streaming),
    `the answer to "${question}" streaming in its new tab`,
  ).catch(async (error: unknown) => {
    throw new Error(`${String(error)}; surfaces: ${JSON.stringify(await surfaces())}`);
  });
  // Wrapped: an async function returning the Thenable itself would wait for the whole answer.
  return { answered };
}

async function bothStreaming(sim: Simulator): Promise<void> {
  await eventually(
    async () => (await editorTabs()).filter((t) => t.streaming).length === 2,
    'both tabs streaming at the same time',
  ).catch(async (error: unknown) => {
    const requests = sim.requests.map((r) => `${r.method} ${r.path}`).join(', ');
    const saved = (await surfaces()).map((s) =>
      savedConversation(s.conversationId)?.messages.map(
        (m) => `${m.role} ${m.status} ${m.text.length} ${m.text.slice(0, 30)}`,
      ),
    );
    throw new Error(
      `${String(error)}; surfaces: ${JSON.stringify(await surfaces())}; requests: ${requests}; saved: ${JSON.stringify(saved).slice(0, 2000)}`,
    );
  });
}

describe('chats in editor tabs', () => {
  let sim: Simulator;
  let prompts: SimulatorConnection['prompts'];

  before(async () => ({ sim, prompts } = await connectSignedIn({ kamiMindBot: BOT })));

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await disconnect({ sim, prompts });
  });

  beforeEach(async () => {
    forgetEarlierTests({ sim, prompts });
    prompts.inputs.length = 0;
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    // The sidebar's choice is what new tabs start from.
    await vscode.commands.executeCommand(Commands.openChat);
    await vscode.commands.executeCommand(Commands.selectTarget, TWIN);
  });

  it('streams answers in two tabs at once, each tab ending with exactly its own answer', async () => {
    // Long enough that the first answer is still streaming when the second tab asks, on a busy machine.
    sim.configure({ fault: { kind: 'longAnswer', deltas: 3000 }, tokenDelayMs: 5 });
    const first = await askInNewTab(prompts, 'Question for the first tab');
    const second = await askInNewTab(prompts, 'Question for the second tab');
    await bothStreaming(sim);
    await Promise.all([first.answered, second.answered]);
    const [a, b] = await editorTabs();
    assert.ok(a && b && a.conversationId !== b.conversationId, 'two tabs, two conversations');
    const answers = [await finalMessages(a.conversationId), await finalMessages(b.conversationId)];
    for (const [i, question] of ['first', 'second'].entries()) {
      const messages = answers[i] ?? [];
      assert.equal(messages.length, 2, 'one question and one answer in each tab');
      const answer = messages[1];
      assert.equal(answer?.status, 'complete');
      assert.match(answer?.text ?? '', new RegExp(`Question for the ${question} tab`));
      assert.match(answer?.text ?? '', /Đoạn 2999:/, 'the whole answer');
    }
  });

  it('Stop in one tab stops that answer only; the other completes', async () => {
    sim.configure({ fault: { kind: 'longAnswer', deltas: 3000 }, tokenDelayMs: 5 });
    const first = await askInNewTab(prompts, 'Let me finish');
    const second = await askInNewTab(prompts, 'Stop me');
    await bothStreaming(sim);
    // The second tab is the one the user used last, so Stop acts on it.
    await vscode.commands.executeCommand(Commands.stopAnswer);
    await Promise.all([first.answered, second.answered]);
    const [kept, stopped] = await editorTabs();
    assert.ok(kept && stopped);
    const [keptQuestion, keptAnswer] = await finalMessages(kept.conversationId);
    const [stoppedQuestion, stoppedAnswer] = await finalMessages(stopped.conversationId);
    assert.match(stoppedQuestion?.text ?? '', /^Stop me/, 'the tab used last was stopped');
    assert.equal(stoppedAnswer?.status, 'stopped');
    assert.match(keptQuestion?.text ?? '', /^Let me finish/);
    assert.equal(keptAnswer?.status, 'complete');
    assert.match(keptAnswer?.text ?? '', /Đoạn 2999:/, 'the whole answer');
  });

  it('Ask Twins Side by Side sends one question to a twin and a bot, each in its own tab', async () => {
    const question = 'One question for both of you';
    await vscode.commands.executeCommand(Commands.askSideBySide, [TWIN, BOT], question);
    const tabs = await editorTabs();
    assert.equal(tabs.length, 2, 'one tab per target');
    const conversations = await Promise.all(
      tabs.map(async (tab) => {
        const messages = await finalMessages(tab.conversationId);
        return { target: savedConversation(tab.conversationId)?.target, messages };
      }),
    );
    assert.deepEqual(
      conversations.map((c) => c.target?.provider),
      ['twinexpert', 'kamimind'],
      'the twin and the bot, in the order picked',
    );
    for (const { messages } of conversations) {
      assert.equal(messages[0]?.text, question);
      assert.equal(messages[1]?.status, 'complete');
      assert.match(messages[1]?.text ?? '', new RegExp(question));
    }
    assert.ok(
      sim.requests.some((r) => r.path.endsWith('/messages/stream')),
      'TwinExpert asked',
    );
    assert.ok(
      sim.requests.some((r) => r.path === '/public/v1/response'),
      'KamiMind asked',
    );
  });

  it("Ask Twins Side by Side takes the chat's attachments: all for the bot, the text ones for the twin", async () => {
    const api = await activeExtension();
    await vscode.commands.executeCommand(Commands.selectTarget, BOT); // a bot takes the image
    const notes = workspaceFile('side-notes.md');
    await vscode.workspace.fs.writeFile(notes, Buffer.from(SIDE_NOTES));
    prompts.buttons.push('Attach'); // the host asks before attaching what a page names
    await api.receiveFromView({ type: 'attachment/addUris', uris: notes.toString() });
    await api.receiveFromView({ type: 'attachment/pasteImage', data: PNG, key: 'side' });
    assert.deepEqual(prompts.messages, ['Attach "side-notes.md" to your next message?']);
    prompts.messages.length = 0;
    const question = 'What do these two files show?';
    await vscode.commands.executeCommand(Commands.askSideBySide, [TWIN, BOT], question);

    const upload = sim.requests.find((r) => r.path === '/public/v1/response');
    const uploaded = (upload?.files ?? []).map((f) => f.filename.replace(/\d+/, 'N')).sort();
    assert.deepEqual(uploaded, ['pasted-image-N.png', 'side-notes.md'], 'the bot got both');
    const stream = sim.requests.find((r) => r.path.endsWith('/messages/stream'));
    const content = (stream?.json as { content?: string } | undefined)?.content ?? '';
    assert.ok(content.startsWith(question), content);
    assert.ok(content.includes('File `side-notes.md`') && content.includes(SIDE_NOTES), content);
    assert.ok(!content.includes('pasted-image'), 'the twin did not get the image');
    assert.equal(prompts.messages.length, 1, prompts.messages.join('\n'));
    assert.match(
      prompts.messages[0] ?? '',
      /^Chuyên gia TypeScript did not get "pasted-image-\d+\.png": TwinExpert takes only text files\.$/,
    );

    // Taken, as a send takes them: the chat it was started from has none left.
    sim.reset();
    await api.receiveFromView({ type: 'chat/send', text: 'Anything attached now?' });
    const next = sim.requests.find((r) => r.path === '/public/v1/response');
    assert.ok(next, 'the sidebar asked its bot');
    assert.deepEqual(next.files ?? [], []);
  });
});
