// What Test Connection and a reconnection tell the user: short toasts with the button that helps,
// a log that explains its own probe, and one listing of the twins per change of credentials.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { Commands } from '../../src/constants';
import { eventually } from '../harness/eventually';
import { DEMO_CREDENTIALS, type Simulator } from '../simulator/server';
import { connectToSimulator, disconnect, type SimulatorConnection } from './simulatorConnection';
import {
  activeExtension,
  addFirstKamiMindBot,
  clearCredentials,
  filesContaining,
} from './vscodeHelpers';

const NIL_UUID = '00000000-0000-0000-0000-000000000000';
const REVOKED_KEY = 'ak_revoked0123456789abcdef';
/** About what a notification toast shows on one line before it cuts the text off. */
const TOAST_CHARS = 60;
const profile = process.env.TWIN_CHAT_TEST_PROFILE ?? '';

describe('Test Connection and reconnecting, in VS Code', () => {
  let sim: Simulator;
  let prompts: SimulatorConnection['prompts'];

  before(async () => ({ sim, prompts } = await connectToSimulator()));

  after(async () => {
    await clearCredentials(prompts);
    await disconnect({ sim, prompts });
  });

  beforeEach(async () => {
    await clearCredentials(prompts);
  });

  /**
   * Test Connection's verdict: the toast's text without the quota sentences that follow it
   * ("TwinExpert: 187 of 200 requests left, ..."; test/integration/quota.test.ts reads those).
   */
  async function testConnection(): Promise<string> {
    prompts.messages.length = 0;
    await vscode.commands.executeCommand(Commands.testConnection);
    await eventually(() => prompts.messages.length > 0, 'the Test Connection result');
    return (prompts.messages[0] ?? '').replace(
      / (TwinExpert|KamiMind): \d+ of \d+ requests left.*$/,
      '',
    );
  }

  it('a rejected key: a short warning naming TwinExpert once, whose Set API Key sets a new key', async () => {
    prompts.inputs.push(REVOKED_KEY);
    await vscode.commands.executeCommand(Commands.setTwinExpertKey);
    prompts.buttons.push('Set API Key');
    prompts.inputs.push(DEMO_CREDENTIALS.twinExpertApiKey);
    const result = await testConnection();
    assert.equal(result, 'TwinExpert rejected the credentials.');
    assert.ok(result.length <= TOAST_CHARS, result);
    await eventually(
      () => prompts.messages.some((m) => /TwinExpert API key saved/.test(m)),
      'Set API Key ran the command, which saved the typed key',
    );
    assert.deepEqual(prompts.buttons, [], 'the warning offered Set API Key');
    assert.equal(await testConnection(), 'Credentials accepted by TwinExpert.');
  });

  it('both providers accepted: one short sentence, and the log says why its 404 is expected', async () => {
    prompts.inputs.push(DEMO_CREDENTIALS.twinExpertApiKey);
    await vscode.commands.executeCommand(Commands.setTwinExpertKey);
    await addFirstKamiMindBot(prompts, 'Demo bot');
    const result = await testConnection();
    assert.equal(result, 'Credentials accepted by TwinExpert, KamiMind.');
    assert.ok(result.length <= TOAST_CHARS, result);
    assert.ok(profile, 'the harness passes the profile folder');
    // VS Code writes log files in the background, so the lines reach the disk a little later.
    await eventually(
      () =>
        filesContaining(profile, 'Its 404 above is the expected answer').some(
          (file) =>
            file.endsWith('.log') &&
            fs.readFileSync(file, 'utf8').includes(`story/detail/${NIL_UUID} -> 404`),
        ),
      'the probe request and what it means, in the same log file',
    );
  });

  it('storing the demo credentials lists the twins once, not once per secret', async () => {
    const api = await activeExtension();
    await vscode.commands.executeCommand(Commands.openChat);
    await api.whenChatViewReady();
    const listings = () =>
      sim.requests.filter((r) => r.path.endsWith('/twins') && r.query.limit !== '1').length;
    const before = listings();
    prompts.inputs.push(sim.url);
    await vscode.commands.executeCommand(Commands.useDemoServer);
    await eventually(() => listings() > before, 'the chat view lists the twins');
    // Test Connection runs after every change notice was delivered; a listing per notice would
    // have started by the time its own result is shown.
    assert.equal(await testConnection(), 'Credentials accepted by TwinExpert, KamiMind.');
    assert.equal(listings() - before, 1);
  });
});
