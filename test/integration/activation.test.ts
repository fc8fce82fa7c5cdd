import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { CHAT_VIEW_ID, Commands, EXTENSION_ID } from '../../src/constants';
import type { TwinChatApi } from '../../src/extension';

interface Manifest {
  contributes: { commands: { command: string }[] };
}

function extension(): vscode.Extension<TwinChatApi> {
  const found = vscode.extensions.getExtension<TwinChatApi>(EXTENSION_ID);
  assert.ok(found, `${EXTENSION_ID} is not installed`);
  return found;
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return Promise.race([
    promise,
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`${what} timed out`)), ms)),
  ]);
}

describe('Twin Chat in VS Code', () => {
  before(() => {
    console.log(`    running in VS Code ${vscode.version} (${vscode.env.appHost})`);
  });

  it('stays inactive until its view or a command is used', () => {
    assert.equal(extension().isActive, false);
  });

  it('activates when the chat view is opened, and the webview completes the ready handshake', async () => {
    await vscode.commands.executeCommand(`${CHAT_VIEW_ID}.focus`);
    const api = await withTimeout(
      (async () => {
        for (let i = 0; i < 200 && !extension().isActive; i++) {
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        return extension().exports;
      })(),
      30_000,
      'activation',
    );
    assert.equal(extension().isActive, true);
    await withTimeout(api.whenChatViewReady(), 30_000, 'the webview ready handshake');
  });

  it('registers exactly the commands its manifest declares', async () => {
    const manifest = extension().packageJSON as Manifest;
    const declared = manifest.contributes.commands.map((c) => c.command).sort();
    // VS Code generates `<viewId>.focus` and friends for every view; those are not ours.
    const registered = (await vscode.commands.getCommands(true))
      .filter((id) => id.startsWith('twinChat.') && !id.startsWith(`${CHAT_VIEW_ID}.`))
      .sort();
    assert.deepEqual(registered, declared);
    assert.deepEqual(declared, Object.values(Commands).sort());
  });
});
