import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { Commands } from '../../src/constants';
import type { Simulator } from '../simulator/server';
import {
  connectSignedIn,
  disconnect,
  forgetEarlierTests,
  type SimulatorConnection,
} from './simulatorConnection';
import { setUserSetting, workspaceFile } from './vscodeHelpers';

const TWIN = 'twinexpert:twin-typescript';
const BOT = 'Demo bot';
const BINARY = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');

async function write(name: string, data: Uint8Array | string): Promise<vscode.Uri> {
  const uri = workspaceFile(name);
  await vscode.workspace.fs.writeFile(uri, typeof data === 'string' ? Buffer.from(data) : data);
  return uri;
}

async function selectInSample(): Promise<void> {
  const editor = await vscode.window.showTextDocument(workspaceFile('sample.ts'));
  editor.selection = new vscode.Selection(0, 0, 0, 25);
}

describe('editor integration in VS Code', () => {
  let sim: Simulator;
  let prompts: SimulatorConnection['prompts'];

  // Credentials for both services, whatever an earlier file left; each test picks its own target.
  before(async () => ({ sim, prompts } = await connectSignedIn({ kamiMindBot: BOT })));

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await disconnect({ sim, prompts });
  });

  beforeEach(() => forgetEarlierTests({ sim, prompts }));

  afterEach(async () => {
    await setUserSetting('attachments.maxSizeMB', undefined);
  });

  const lastStreamContent = () =>
    (
      sim.requests.filter((r) => r.path.endsWith('/messages/stream')).at(-1)?.json as
        { content?: string } | undefined
    )?.content ?? '';

  it('sends the selection with its path, lines and language as a fenced block', async () => {
    await vscode.commands.executeCommand(Commands.selectTarget, TWIN);
    await selectInSample();
    await vscode.commands.executeCommand(Commands.sendSelection);
    assert.equal(
      lastStreamContent(),
      '`sample.ts` line 1 (typescript):\n```typescript\nexport const answer = 42;\n```',
    );
  });

  it('counts a selection that ends at the start of a line (Select All) without that line', async () => {
    await vscode.commands.executeCommand(Commands.selectTarget, TWIN);
    const editor = await vscode.window.showTextDocument(workspaceFile('sample.ts'));
    editor.selection = new vscode.Selection(0, 0, 1, 0); // sample.ts ends with a newline
    await vscode.commands.executeCommand(Commands.sendSelection);
    assert.equal(
      lastStreamContent(),
      '`sample.ts` line 1 (typescript):\n```typescript\nexport const answer = 42;\n```',
    );
  });

  it('uploads saved, unsaved, untitled and binary files to a KamiMind bot, byte for byte', async () => {
    await vscode.commands.executeCommand(Commands.selectTarget, BOT);
    const binary = await write('data.bin', BINARY);
    const notes = await write('notes.md', '# Notes\n');
    const draftUri = await write('draft.ts', 'saved text\n');
    const draft = await vscode.window.showTextDocument(draftUri);
    await draft.edit((edit) => edit.insert(new vscode.Position(0, 0), 'unsaved '));
    const untitled = await vscode.workspace.openTextDocument({
      content: 'scratch',
      language: 'plaintext',
    });

    await vscode.commands.executeCommand(Commands.attachFile, binary, [binary, notes]);
    await vscode.commands.executeCommand(Commands.attachFile, draftUri);
    await vscode.commands.executeCommand(Commands.attachFile, untitled.uri);
    await selectInSample();
    await vscode.commands.executeCommand(Commands.sendSelection);

    const files = sim.requests.find((r) => r.path === '/public/v1/response')?.files ?? [];
    assert.deepEqual(
      files.map((f) => [f.filename, f.size, f.sha256]),
      [
        ['data.bin', 256, sha256(BINARY)],
        ['notes.md', 8, sha256('# Notes\n')],
        ['draft.ts', 19, sha256('unsaved saved text\n')],
        [untitled.uri.path.split('/').pop(), 7, sha256('scratch')],
      ],
    );
  });

  it('sends a saved file to TwinExpert as it is when the message goes, edits after attaching included', async () => {
    await vscode.commands.executeCommand(Commands.selectTarget, TWIN);
    const notes = await write('notes.md', 'first draft\n');
    await vscode.commands.executeCommand(Commands.attachFile, notes);
    fs.writeFileSync(notes.fsPath, 'second draft, edited after attaching\n');
    await selectInSample();
    await vscode.commands.executeCommand(Commands.sendSelection);
    const content = lastStreamContent();
    assert.ok(content.includes('second draft, edited after attaching'), content);
    assert.ok(!content.includes('first draft'), content);
  });

  it('asks before a link whose target looks secret, and refuses a named pipe', async () => {
    await vscode.commands.executeCommand(Commands.selectTarget, BOT);
    const env = await write('.env.local', 'TOKEN=linked\n');
    const link = workspaceFile('notes-link.txt');
    fs.symlinkSync(env.fsPath, link.fsPath);
    const pipe = workspaceFile('a-pipe');
    execFileSync('mkfifo', [pipe.fsPath]);
    try {
      await vscode.commands.executeCommand(Commands.attachFile, link); // dismissed: not attached
      assert.ok(
        prompts.messages.some((m) => /"\.env\.local" looks like it holds secrets/.test(m)),
        prompts.messages.join(' | '),
      );
      await vscode.commands.executeCommand(Commands.attachFile, pipe);
      assert.ok(
        prompts.messages.some((m) => /"a-pipe" is not a file/.test(m)),
        prompts.messages.join(' | '),
      );
    } finally {
      fs.rmSync(link.fsPath);
      fs.rmSync(pipe.fsPath);
    }
  });

  it('refuses binary files for TwinExpert and files over the size limit, and asks before .env files', async () => {
    await vscode.commands.executeCommand(Commands.selectTarget, TWIN);
    await vscode.commands.executeCommand(Commands.attachFile, await write('data.bin', BINARY));
    assert.ok(
      prompts.messages.some((m) => /binary file/.test(m)),
      prompts.messages.join(' | '),
    );

    await setUserSetting('attachments.maxSizeMB', 1);
    const big = await write('big.txt', 'x'.repeat(1024 * 1024 + 1));
    await vscode.commands.executeCommand(Commands.attachFile, big);
    assert.ok(
      prompts.messages.some((m) => /over the 1\.0 MB limit/.test(m)),
      prompts.messages.join(' | '),
    );

    const env = await write('.env', 'TOKEN=hunter2\n');
    await vscode.commands.executeCommand(Commands.attachFile, env); // dismissed: not attached
    prompts.buttons.push('Attach Anyway');
    await vscode.commands.executeCommand(Commands.attachFile, env);
    assert.equal(prompts.messages.filter((m) => /looks like it holds secrets/.test(m)).length, 2);

    await selectInSample();
    await vscode.commands.executeCommand(Commands.sendSelection);
    const content = lastStreamContent();
    assert.equal(content.split('TOKEN=hunter2').length - 1, 1, 'the .env text once, after consent');
    assert.ok(!content.includes('xxxx'), 'the oversized file was not sent');
    assert.ok(!content.includes('File `data.bin`'), 'the binary file was not sent');
  });
});
