import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { CHAT_VIEW_ID, Commands, EXTENSION_ID } from '../../src/constants';
import type { TwinChatApi } from '../../src/extension';
import { eventually } from '../harness/eventually';

interface Manifest {
  contributes: { commands: { command: string }[] };
}

function extension(): vscode.Extension<TwinChatApi> {
  const found = vscode.extensions.getExtension<TwinChatApi>(EXTENSION_ID);
  assert.ok(found, `${EXTENSION_ID} is not installed`);
  return found;
}

/** Built in, activated by `onStartupFinished`: once it is active, so is every such extension. */
const STARTUP_FINISHED_PROBE = 'vscode.merge-conflict';

let activeAfterStartUp: boolean | undefined;

// A root hook (outside any describe): it runs before the first test of every file in the run,
// so what it sees does not depend on which test or file comes first. It waits for start-up to
// finish, so an activation event like `*` or `onStartupFinished` would have fired by then.
before(async () => {
  const probe = vscode.extensions.getExtension(STARTUP_FINISHED_PROBE);
  assert.ok(probe, `${STARTUP_FINISHED_PROBE} is built into VS Code`);
  await eventually(() => probe.isActive, 'VS Code to finish starting up', { timeoutMs: 30_000 });
  activeAfterStartUp = extension().isActive;
});

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
    assert.equal(activeAfterStartUp, false);
  });

  it('activates when the chat view is opened, and the webview completes the ready handshake', async () => {
    await vscode.commands.executeCommand(`${CHAT_VIEW_ID}.focus`);
    await eventually(() => extension().isActive, 'activation by the chat view', {
      timeoutMs: 30_000,
    });
    await withTimeout(
      extension().exports.whenChatViewReady(),
      30_000,
      'the webview ready handshake',
    );
  });

  it('registers exactly the commands its manifest declares', async () => {
    await extension().activate(); // commands are registered on activation
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
