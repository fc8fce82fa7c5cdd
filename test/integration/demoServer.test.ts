import * as assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as vscode from 'vscode';
import { Commands } from '../../src/constants';
import { DEMO_CREDENTIALS, startSimulator, type Simulator } from '../simulator/server';
import { scriptPrompts, type PromptScript } from './prompts';
import { activeExtension, setUserSetting } from './vscodeHelpers';

const OWN_KEY = 'ak_myOwnRealKey0123456789';
const REPLACE = 'Replace with Demo Credentials';

function userBaseUrls(): (string | undefined)[] {
  const config = vscode.workspace.getConfiguration('twinChat');
  return ['twinExpert.baseUrl', 'kamiMind.baseUrl'].map(
    (key) => config.inspect<string>(key)?.globalValue,
  );
}

describe('demo server and the way back, in VS Code', () => {
  let sim: Simulator;
  let redirector: Server;
  let prompts: PromptScript & { restore(): void };

  before(async () => {
    await activeExtension();
    sim = await startSimulator({ port: 0 });
    // Answers every request with a redirect to the real simulator: must not be followed.
    redirector = createServer((_req, res) => {
      res.writeHead(302, { location: `${sim.url}/__sim/demo` }).end();
    });
    await new Promise<void>((resolve) => redirector.listen(0, '127.0.0.1', resolve));
    prompts = scriptPrompts();
    await setUserSetting('twinExpert.baseUrl', undefined);
    await setUserSetting('kamiMind.baseUrl', undefined);
    prompts.inputs.push(OWN_KEY);
    await vscode.commands.executeCommand(Commands.setTwinExpertKey);
  });

  after(async () => {
    prompts.buttons.push('Clear Credentials');
    await vscode.commands.executeCommand(Commands.clearCredentials);
    prompts.restore();
    redirector.close();
    await sim.stop();
  });

  it('refuses a server that redirects, and changes nothing', async () => {
    const port = (redirector.address() as AddressInfo).port;
    prompts.messages.length = 0;
    prompts.inputs.push(`http://127.0.0.1:${port}`);
    await vscode.commands.executeCommand(Commands.useDemoServer);
    assert.match(prompts.messages.at(-1) ?? '', /No Twin Chat demo server answers/);
    assert.deepEqual(userBaseUrls(), [undefined, undefined]);
  });

  it('asks before replacing a key of your own; declining changes nothing', async () => {
    prompts.messages.length = 0;
    prompts.inputs.push(sim.url);
    await vscode.commands.executeCommand(Commands.useDemoServer);
    assert.ok(prompts.messages.some((m) => /Replace your TwinExpert API key/.test(m)));
    assert.deepEqual(userBaseUrls(), [undefined, undefined]);
  });

  it('replaces them when confirmed, then Use Real Services restores the real base URLs', async () => {
    prompts.messages.length = 0;
    prompts.inputs.push(sim.url);
    prompts.buttons.push(REPLACE);
    await vscode.commands.executeCommand(Commands.useDemoServer);
    assert.deepEqual(prompts.buttons, [], 'the confirmation was offered and pressed');
    assert.deepEqual(userBaseUrls(), [sim.twinExpertBaseUrl, sim.kamiMindBaseUrl]);
    assert.match(prompts.messages.at(-1) ?? '', /now talks to the demo server/);

    prompts.messages.length = 0;
    await vscode.commands.executeCommand(Commands.testConnection);
    assert.ok(prompts.messages.some((m) => /Credentials accepted by TwinExpert/.test(m)));
    const auth = sim.requests.at(-1)?.headers.authorization ?? '';
    assert.ok(
      auth.includes(DEMO_CREDENTIALS.twinExpertApiKey) ||
        auth.includes(DEMO_CREDENTIALS.kamiMindToken),
    );

    prompts.messages.length = 0;
    await vscode.commands.executeCommand(Commands.useRealServices);
    assert.deepEqual(userBaseUrls(), [undefined, undefined]);
    assert.match(
      prompts.messages.at(-1) ?? '',
      /real services again: https:\/\/api\.twinexpert\.com/,
    );
  });
});
