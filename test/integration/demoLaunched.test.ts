import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { Commands } from '../../src/constants';
import { startSimulator, type Simulator } from '../simulator/server';
import { scriptPrompts, type PromptScript } from './prompts';
import { activeExtension, setUserSetting } from './vscodeHelpers';

// `npm start` passes the demo's address to VS Code (TWIN_CHAT_DEMO_URL): "Try the Demo Server"
// then asks nothing, and nothing it says sends the user to "npm run simulator".

describe('the demo server npm start started, in VS Code', () => {
  let sim: Simulator;
  let prompts: PromptScript & { restore(): void };
  let inputBoxes = 0;
  let showInputBox: typeof vscode.window.showInputBox;

  before(async () => {
    await activeExtension();
    sim = await startSimulator({ port: 0 });
    prompts = scriptPrompts();
    showInputBox = vscode.window.showInputBox;
    (vscode.window as { showInputBox: typeof showInputBox }).showInputBox = (...args) => {
      inputBoxes += 1;
      return showInputBox(...args);
    };
    await setUserSetting('twinExpert.baseUrl', undefined);
    await setUserSetting('kamiMind.baseUrl', undefined);
    process.env.TWIN_CHAT_DEMO_URL = sim.url;
  });

  after(async () => {
    delete process.env.TWIN_CHAT_DEMO_URL;
    (vscode.window as { showInputBox: typeof showInputBox }).showInputBox = showInputBox;
    prompts.buttons.push('Clear Credentials');
    await vscode.commands.executeCommand(Commands.clearCredentials);
    await setUserSetting('twinExpert.baseUrl', undefined);
    await setUserSetting('kamiMind.baseUrl', undefined);
    prompts.restore();
    await sim.stop().catch(() => undefined);
  });

  it('uses it at once: no address to type', async () => {
    await vscode.commands.executeCommand(Commands.useDemoServer);
    assert.equal(inputBoxes, 0, 'no input box was shown');
    const config = vscode.workspace.getConfiguration('twinChat');
    assert.equal(config.inspect('twinExpert.baseUrl')?.globalValue, sim.twinExpertBaseUrl);
    assert.match(prompts.messages.at(-1) ?? '', /now talks to the demo server/);
  });

  it('says to run npm start again when that demo has gone, never "npm run simulator"', async () => {
    await sim.stop();
    prompts.messages.length = 0;
    await vscode.commands.executeCommand(Commands.useDemoServer);
    assert.equal(inputBoxes, 0, 'no input box was shown');
    const said = prompts.messages.join('\n');
    assert.match(said, /"npm start" started at .* no longer answers/);
    assert.doesNotMatch(said, /npm run simulator/);
  });
});
