import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { Commands } from '../../src/constants';
import { DEMO_CREDENTIALS, type Simulator } from '../simulator/server';
import { scriptPrompts, type PromptScript } from './prompts';
import { filesContaining, simulatorForExtension } from './vscodeHelpers';

const profile = process.env.TWIN_CHAT_TEST_PROFILE ?? '';

describe('credentials in VS Code', () => {
  let sim: Simulator;
  let prompts: PromptScript & { restore(): void };

  before(async () => {
    sim = await simulatorForExtension();
    prompts = scriptPrompts();
  });

  after(async () => {
    prompts.restore();
    await sim.stop();
  });

  it('explains a malformed key, then stores a good one where only Test Connection can use it', async () => {
    prompts.inputs.push('123456', DEMO_CREDENTIALS.twinExpertApiKey);
    await vscode.commands.executeCommand(Commands.setTwinExpertKey);
    assert.match(prompts.validationErrors[0] ?? '', /starts with "ak_"/);

    prompts.messages.length = 0;
    await vscode.commands.executeCommand(Commands.testConnection);
    assert.ok(prompts.messages.some((m) => /TwinExpert: credentials accepted/.test(m)));
    const auth = sim.requests.at(-1)?.headers.authorization;
    assert.equal(auth, `Bearer ${DEMO_CREDENTIALS.twinExpertApiKey}`);
  });

  it('adds a KamiMind bot and token, validating the bot token as a UUID', async () => {
    prompts.inputs.push('Demo bot', 'not-a-uuid', DEMO_CREDENTIALS.kamiMindBotToken);
    prompts.inputs.push(DEMO_CREDENTIALS.kamiMindToken);
    await vscode.commands.executeCommand(Commands.addKamiMindBot);
    await new Promise((resolve) => setTimeout(resolve, 200)); // the token prompt follows
    assert.ok(prompts.validationErrors.some((e) => /UUID/.test(e)));
    prompts.messages.length = 0;
    await vscode.commands.executeCommand(Commands.testConnection);
    assert.ok(prompts.messages.some((m) => /KamiMind: credentials accepted/.test(m)));
  });

  it('never writes a secret to settings, storage or logs, and Clear Credentials removes them', async () => {
    const secrets = [
      DEMO_CREDENTIALS.twinExpertApiKey,
      DEMO_CREDENTIALS.kamiMindToken,
      DEMO_CREDENTIALS.kamiMindBotToken,
    ];
    assert.ok(profile, 'the harness passes the profile folder');
    const logs = filesContaining(profile, 'GET /api/v1/twins');
    assert.ok(
      logs.some((file) => file.endsWith('.log')),
      'the request log is among the files searched',
    );
    for (const secret of secrets) {
      assert.deepEqual(filesContaining(profile, secret), [], `${secret.slice(0, 6)}… on disk`);
      assert.ok(!JSON.stringify(vscode.workspace.getConfiguration('twinChat')).includes(secret));
    }
    prompts.buttons.push('Clear Credentials');
    await vscode.commands.executeCommand(Commands.clearCredentials);
    await vscode.commands.executeCommand(Commands.testConnection);
    assert.match(prompts.messages.at(-1) ?? '', /No credentials yet/);
  });
});
