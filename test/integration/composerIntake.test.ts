import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { Commands } from '../../src/constants';
import type { TwinChatApi } from '../../src/extension';
import { MAX_MENTION_RESULTS, MentionSearch } from '../../src/webview/mentionSearch';
import type { Simulator } from '../simulator/server';
import {
  connectSignedIn,
  disconnect,
  forgetEarlierTests,
  type SimulatorConnection,
} from './simulatorConnection';
import { activeExtension, workspaceFile } from './vscodeHelpers';

// Drop, paste and `#` mention, from the page's message to the simulator's bytes. The tests cannot
// drop onto or paste into a real webview, so they hand the host the message the page would post
// (TwinChatApi.receiveFromView: the same validation and handler); the page's side is proven in
// Chromium (test/webview/composerIntake.test.ts).

const TWIN = 'twinexpert:twin-typescript';
const BOT = 'Demo bot';
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==',
  'base64',
);
const IMAGE_REFUSED =
  'TwinExpert takes only text, so the pasted image was not attached. Pick a KamiMind bot to send images.';
const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');

describe('drop, paste and # mention in VS Code', () => {
  let api: TwinChatApi;
  let sim: Simulator;
  let prompts: SimulatorConnection['prompts'];
  const fromView = (message: object) => api.receiveFromView(message);
  const uploaded = () =>
    (sim.requests.find((r) => r.path === '/public/v1/response')?.files ?? []).map((f) => [
      f.filename,
      f.size,
      f.sha256,
    ]);

  async function write(name: string, data: Uint8Array | string): Promise<vscode.Uri> {
    const uri = workspaceFile(name);
    await vscode.workspace.fs.writeFile(uri, typeof data === 'string' ? Buffer.from(data) : data);
    return uri;
  }

  before(async () => {
    api = await activeExtension();
    ({ sim, prompts } = await connectSignedIn({ kamiMindBot: BOT }));
    // What the page posts reaches the host through the sidebar's webview host, as from the page.
    await vscode.commands.executeCommand(Commands.openChat);
    await api.whenChatViewReady();
  });

  after(() => disconnect({ sim, prompts }));

  beforeEach(async () => {
    forgetEarlierTests({ sim, prompts });
    await vscode.commands.executeCommand(Commands.newChat);
  });

  it('a dropped file and a pasted image reach a KamiMind bot byte for byte', async () => {
    await vscode.commands.executeCommand(Commands.selectTarget, BOT);
    const notes = await write('dropped notes.md', '# Dropped\nwith bytes \u00e9\n');
    prompts.buttons.push('Attach'); // the host asks: the page's word is not a user's gesture
    await fromView({ type: 'attachment/addUris', uris: `# a comment\r\n${notes.toString()}\r\n` });
    await fromView({ type: 'attachment/pasteImage', data: PNG.toString('base64'), key: 'k1' });
    await fromView({ type: 'chat/send', text: 'what are these?' });
    const files = uploaded();
    assert.equal(files.length, 2, JSON.stringify({ files, messages: prompts.messages }));
    assert.deepEqual(files[0], [
      'dropped notes.md',
      Buffer.byteLength('# Dropped\nwith bytes \u00e9\n'),
      sha256('# Dropped\nwith bytes \u00e9\n'),
    ]);
    assert.match(String(files[1]?.[0]), /^pasted-image-\d+\.png$/);
    assert.deepEqual(files[1]?.slice(1), [PNG.length, sha256(PNG)]);
    const image = sim.requests.find((r) => r.path === '/public/v1/response')?.files?.[1];
    assert.equal(image?.contentType, 'image/png');
  });

  it('refuses a pasted image for TwinExpert with one sentence, and sends no binary', async () => {
    await vscode.commands.executeCommand(Commands.selectTarget, TWIN);
    await fromView({ type: 'attachment/pasteImage', data: PNG.toString('base64'), key: 'k2' });
    assert.deepEqual(prompts.messages, [IMAGE_REFUSED]);
    await fromView({ type: 'chat/send', text: 'and this?' });
    const stream = sim.requests.filter((r) => r.path.endsWith('/messages/stream')).at(-1);
    assert.equal((stream?.json as { content?: string } | undefined)?.content, 'and this?');
  });

  it('asks before a dropped .env, and refuses what is outside the workspace or another scheme', async () => {
    await vscode.commands.executeCommand(Commands.selectTarget, TWIN);
    const env = await write('.env', 'TOKEN=dropped\n');
    const outsideDir = fs.mkdtempSync(path.join(os.tmpdir(), 'twin-outside-'));
    const outside = path.join(outsideDir, 'private.txt');
    fs.writeFileSync(outside, 'PRIVATE=1\n');
    fs.symlinkSync(outside, workspaceFile('link-out.txt').fsPath);
    try {
      await fromView({ type: 'attachment/addUris', uris: env.toString() }); // dismissed
      prompts.buttons.push('Attach'); // then not dismissed
      await fromView({ type: 'attachment/addUris', uris: env.toString() }); // the secret: dismissed
      prompts.buttons.push('Attach', 'Attach Anyway');
      const uris = [
        env.toString(),
        vscode.Uri.file(outside).toString(),
        workspaceFile('link-out.txt').toString(),
        'https://example.com/x.ts',
      ];
      await fromView({ type: 'attachment/addUris', uris: uris.join('\n') });
      assert.deepEqual(prompts.messages, [
        'Attach ".env" to your next message?',
        'Attach ".env" to your next message?',
        '".env" looks like it holds secrets (keys, passwords, tokens). Send it to the twin anyway?',
        '".env" was not attached.',
        '"private.txt" was not attached: it is outside the open workspace folders.',
        '"link-out.txt" was not attached: it is a link to a place outside the workspace.',
        '"x.ts" was not attached: only files on this computer can be attached.',
        'Attach ".env" to your next message?',
        '".env" looks like it holds secrets (keys, passwords, tokens). Send it to the twin anyway?',
      ]);
      await fromView({ type: 'chat/send', text: 'check' });
      const stream = sim.requests.filter((r) => r.path.endsWith('/messages/stream')).at(-1);
      const content = (stream?.json as { content?: string } | undefined)?.content ?? '';
      assert.equal(content.split('TOKEN=dropped').length - 1, 1, 'the .env once, after consent');
      assert.ok(!content.includes('PRIVATE=1'), content);
    } finally {
      fs.rmSync(workspaceFile('link-out.txt').fsPath, { force: true });
      fs.rmSync(outsideDir, { recursive: true, force: true });
    }
  });

  it('asks before attaching what the page names: a dropped folder, all its files listed once', async () => {
    await vscode.commands.executeCommand(Commands.selectTarget, BOT);
    const folder = workspaceFile('dropped-folder');
    for (let i = 0; i < 7; i++) await write(`dropped-folder/f${i}.txt`, `file ${i}\n`);
    await fromView({ type: 'attachment/addUris', uris: folder.toString() }); // dismissed
    prompts.buttons.push('Attach 7 Files');
    await fromView({ type: 'attachment/addUris', uris: folder.toString() });
    const ask = 'Attach 7 files to your next message: f0.txt, f1.txt, f2.txt, f3.txt, f4.txt, …?';
    assert.deepEqual(prompts.messages, [ask, ask]);
    await fromView({ type: 'chat/send', text: 'the folder' });
    assert.deepEqual(
      uploaded().map((f) => f[0]),
      Array.from({ length: 7 }, (_, i) => `f${i}.txt`),
    );
  });

  it('attaches a file dropped twice, and with its folder, once', async () => {
    await vscode.commands.executeCommand(Commands.selectTarget, BOT);
    const folder = workspaceFile('twice');
    const a = await write('twice/a.ts', 'export const a = 1;\n');
    await write('twice/b.ts', 'export const b = 2;\n');
    prompts.buttons.push('Attach 2 Files');
    const uris = [a, a, folder].map((uri) => uri.toString()).join('\r\n');
    await fromView({ type: 'attachment/addUris', uris });
    assert.deepEqual(prompts.messages, ['Attach 2 files to your next message: a.ts, b.ts?']);
    await fromView({ type: 'chat/send', text: 'both files, once each' });
    assert.deepEqual(
      uploaded().map((f) => f[0]),
      ['a.ts', 'b.ts'],
    );
  });

  it('leaves out of a dropped folder what files.exclude hides, as the Explorer does', async () => {
    const files = vscode.workspace.getConfiguration('files');
    await files.update(
      'exclude',
      { '**/*.log': true, 'excluding/gen': true },
      vscode.ConfigurationTarget.Workspace,
    );
    try {
      await write('excluding/kept.txt', 'kept\n');
      await write('excluding/debug.log', 'noise\n');
      await write('excluding/gen/out.js', 'built\n');
      await fromView({ type: 'attachment/addUris', uris: workspaceFile('excluding').toString() });
      assert.deepEqual(prompts.messages, ['Attach "kept.txt" to your next message?']);
    } finally {
      await files.update('exclude', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  it('still takes a dropped folder when a files.exclude pattern cannot be matched ([z-a])', async () => {
    const files = vscode.workspace.getConfiguration('files');
    await files.update(
      'exclude',
      { '[z-a]': true, '**/*.log': true },
      vscode.ConfigurationTarget.Workspace,
    );
    try {
      await write('invalidGlob/kept.txt', 'kept\n');
      await write('invalidGlob/debug.log', 'noise\n');
      await fromView({ type: 'attachment/addUris', uris: workspaceFile('invalidGlob').toString() });
      assert.deepEqual(prompts.messages, ['Attach "kept.txt" to your next message?']);
    } finally {
      await files.update('exclude', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  it('leaves out of the # list what search.exclude hides (node_modules), as Quick Open does', async () => {
    const search = vscode.workspace.getConfiguration('search');
    await search.update(
      'exclude',
      { '**/node_modules': true, '**/{gen,tmp}': true },
      vscode.ConfigurationTarget.Workspace,
    );
    const mentions = new MentionSearch();
    try {
      await write('mentioned/node_modules/pkg/mentioned-entry.js', '');
      await write('mentioned/gen/mentioned-entry.js', '');
      await write('mentioned/src/mentioned-entry.ts', '');
      const files = await mentions.search('mentioned-entry');
      assert.deepEqual(
        files?.map((file) => file.path),
        ['mentioned/src/mentioned-entry.ts'],
      );
    } finally {
      mentions.dispose();
      await search.update('exclude', undefined, vscode.ConfigurationTarget.Workspace);
      fs.rmSync(workspaceFile('mentioned').fsPath, { recursive: true, force: true });
    }
  });

  describe('in a workspace of 50,000 files', function () {
    this.timeout(300_000);
    const big = () => workspaceFile('big').fsPath;
    type FindFiles = typeof vscode.workspace.findFiles;
    const workspace = vscode.workspace as { findFiles: FindFiles };
    let original: FindFiles;
    const calls: { max?: number; token?: vscode.CancellationToken; found: number }[] = [];

    before(() => {
      for (let d = 0; d < 500; d++) {
        const dir = path.join(big(), `d${d}`);
        fs.mkdirSync(dir, { recursive: true });
        for (let f = 0; f < 100; f++)
          fs.writeFileSync(path.join(dir, `file-${d * 100 + f}.txt`), '');
      }
      original = workspace.findFiles;
      workspace.findFiles = async (include, exclude, max, token) => {
        const call: (typeof calls)[number] = { max, token, found: 0 };
        calls.push(call);
        const found = await original(include, exclude, max, token);
        call.found = found.length;
        return found;
      };
    });

    after(() => {
      workspace.findFiles = original;
      fs.rmSync(big(), { recursive: true, force: true });
    });

    it('answers each keystroke with one bounded search and cancels the ones typed past', async () => {
      const typed = ['', 'f', 'fi', 'fil', 'file', 'file-', 'file-4', 'file-42'];
      // Keystrokes arrive faster than searches end: all queries are in flight at once.
      await Promise.all(typed.map((query) => fromView({ type: 'mention/query', query })));
      assert.equal(calls.length, typed.length, 'one search per query, no more');
      assert.ok(calls.every((c) => c.max === MAX_MENTION_RESULTS));
      const last = calls.at(-1);
      assert.ok(calls.slice(0, -1).every((c) => c.token?.isCancellationRequested));
      assert.equal(last?.token?.isCancellationRequested, false);
      assert.equal(last?.found, MAX_MENTION_RESULTS, 'file-42, file-420…: more than the bound');
    });
  });
});
