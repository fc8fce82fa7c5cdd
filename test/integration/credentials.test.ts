import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { addKamiMindBot, setTwinExpertKey } from '../../src/commands/credentialCommands';
import { Credentials } from '../../src/config/credentials';
import { Commands } from '../../src/constants';
import { DEMO_CREDENTIALS, type Simulator } from '../simulator/server';
import { eventually } from '../harness/eventually';
import { connectToSimulator, disconnect, type SimulatorConnection } from './simulatorConnection';
import { addFirstKamiMindBot, clearCredentials, filesContaining } from './vscodeHelpers';

const profile = process.env.TWIN_CHAT_TEST_PROFILE ?? '';

/** The OS keyring boundary, failing the way a missing or locked keyring does on Linux. */
class BrokenSecretStorage implements vscode.SecretStorage {
  private readonly changed = new vscode.EventEmitter<vscode.SecretStorageChangeEvent>();
  readonly onDidChange = this.changed.event;
  constructor(private readonly reason: string) {}
  get(): Thenable<string | undefined> {
    return Promise.reject(new Error(this.reason));
  }
  store(): Thenable<void> {
    return Promise.reject(new Error(this.reason));
  }
  delete(): Thenable<void> {
    return Promise.reject(new Error(this.reason));
  }
  keys(): Thenable<string[]> {
    return Promise.reject(new Error(this.reason));
  }
}

class MemoryMemento implements vscode.Memento {
  private readonly values = new Map<string, unknown>();
  keys(): readonly string[] {
    return [...this.values.keys()];
  }
  get<T>(key: string, defaultValue?: T): T | undefined {
    return this.values.has(key) ? (this.values.get(key) as T) : defaultValue;
  }
  update(key: string, value: unknown): Thenable<void> {
    this.values.set(key, value);
    return Promise.resolve();
  }
}

describe('credentials in VS Code', () => {
  let sim: Simulator;
  let prompts: SimulatorConnection['prompts'];

  before(async () => ({ sim, prompts } = await connectToSimulator()));

  after(() => disconnect({ sim, prompts }));

  // Each test starts with no credentials, whatever an earlier test or file stored.
  beforeEach(async () => {
    await clearCredentials(prompts);
  });

  it('explains a malformed key, then stores a good one where only Test Connection can use it', async () => {
    prompts.inputs.push('123456', DEMO_CREDENTIALS.twinExpertApiKey);
    await vscode.commands.executeCommand(Commands.setTwinExpertKey);
    assert.match(prompts.validationErrors[0] ?? '', /starts with "ak_"/);

    prompts.messages.length = 0;
    await vscode.commands.executeCommand(Commands.testConnection);
    assert.ok(prompts.messages.some((m) => /Credentials accepted by TwinExpert/.test(m)));
    const auth = sim.requests.at(-1)?.headers.authorization;
    assert.equal(auth, `Bearer ${DEMO_CREDENTIALS.twinExpertApiKey}`);
  });

  it('offers Test Connection right after saving, and pressing it tests the new key', async () => {
    prompts.messages.length = 0;
    prompts.inputs.push(DEMO_CREDENTIALS.twinExpertApiKey);
    prompts.buttons.push('Test Connection');
    await vscode.commands.executeCommand(Commands.setTwinExpertKey);
    assert.ok(
      prompts.messages.some((m) => /TwinExpert API key saved/.test(m)),
      'saved, offered',
    );
    await eventually(
      () => prompts.messages.some((m) => /Credentials accepted by TwinExpert/.test(m)),
      'the result of the offered Test Connection',
    );
    assert.deepEqual(prompts.buttons, [], 'the offered button was pressed');
  });

  it('takes a key pasted with its "Bearer " prefix, in quotes or with a newline, and saves the key alone', async () => {
    const key = DEMO_CREDENTIALS.twinExpertApiKey;
    for (const pasted of [`Bearer ${key}`, `"${key}"`, `'Bearer ${key}'\n`]) {
      prompts.validationErrors.length = 0;
      prompts.messages.length = 0;
      prompts.inputs.push(pasted);
      await vscode.commands.executeCommand(Commands.setTwinExpertKey);
      assert.deepEqual(prompts.validationErrors, [], `${JSON.stringify(pasted)} was refused`);
      await vscode.commands.executeCommand(Commands.testConnection);
      assert.ok(prompts.messages.some((m) => /Credentials accepted by TwinExpert/.test(m)));
      assert.equal(sim.requests.at(-1)?.headers.authorization, `Bearer ${key}`);
    }
  });

  it('says the OS keyring failed, in one sentence with the next step, instead of crashing', async () => {
    const brokenKeyring = new BrokenSecretStorage('Cannot autolaunch D-Bus without X11 $DISPLAY');
    const credentials = new Credentials(brokenKeyring, new MemoryMemento());
    prompts.messages.length = 0;
    prompts.inputs.push(DEMO_CREDENTIALS.twinExpertApiKey);
    assert.equal(await setTwinExpertKey(credentials), false);
    prompts.inputs.push('Support bot', DEMO_CREDENTIALS.kamiMindBotToken);
    assert.equal(await addKamiMindBot(credentials), false);
    const keyringErrors = prompts.messages.filter((m) =>
      /could not use the system keyring/.test(m),
    );
    assert.equal(keyringErrors.length, 2, prompts.messages.join('\n'));
    assert.match(keyringErrors[0] ?? '', /D-Bus/);
    assert.match(keyringErrors[0] ?? '', /Unlock or install a keyring/);
    assert.ok(!prompts.messages.some((m) => /saved|added/.test(m)), 'no false success');
    credentials.dispose();
  });

  it('adds a KamiMind bot and token, validating the bot token as a UUID', async () => {
    await addFirstKamiMindBot(prompts, 'Demo bot', 'not-a-uuid');
    assert.ok(prompts.validationErrors.some((e) => /UUID/.test(e)));
    prompts.messages.length = 0;
    await vscode.commands.executeCommand(Commands.testConnection);
    assert.ok(prompts.messages.some((m) => /Credentials accepted by .*KamiMind/.test(m)));
  });

  it('a KamiMind set-up left half-way says which step is missing, with its button', async () => {
    prompts.messages.length = 0;
    // A bot, then Escape at the token prompt that follows.
    prompts.inputs.push('Demo bot', DEMO_CREDENTIALS.kamiMindBotToken);
    prompts.buttons.push('Set KamiMind Token');
    await vscode.commands.executeCommand(Commands.addKamiMindBot);
    await eventually(
      () => prompts.messages.some((m) => /"Demo bot" added.*KamiMind token/.test(m)),
      'a message saying the bot still needs the KamiMind token',
    );
    await eventually(() => prompts.buttons.length === 0, 'its Set KamiMind Token pressed');
    await clearCredentials(prompts);
    prompts.messages.length = 0;
    // A token, then Escape at the bot prompt that follows.
    prompts.inputs.push(DEMO_CREDENTIALS.kamiMindToken);
    prompts.buttons.push('Add KamiMind Bot');
    await vscode.commands.executeCommand(Commands.setKamiMindToken);
    await eventually(
      () => prompts.messages.some((m) => /KamiMind token saved.*bot/.test(m)),
      'a message saying a bot is still needed',
    );
    await eventually(() => prompts.buttons.length === 0, 'its Add KamiMind Bot pressed');
  });

  it('never writes a secret to settings, storage or logs, and Clear Credentials removes them', async () => {
    const secrets = [
      DEMO_CREDENTIALS.twinExpertApiKey,
      DEMO_CREDENTIALS.kamiMindToken,
      DEMO_CREDENTIALS.kamiMindBotToken,
    ];
    prompts.inputs.push(DEMO_CREDENTIALS.twinExpertApiKey);
    await vscode.commands.executeCommand(Commands.setTwinExpertKey);
    await addFirstKamiMindBot(prompts, 'Demo bot');
    await vscode.commands.executeCommand(Commands.testConnection); // requests that get logged
    assert.ok(profile, 'the harness passes the profile folder');
    // VS Code writes log files in the background, so the request reaches the disk a little later.
    await eventually(
      () => filesContaining(profile, 'GET /api/v1/twins').some((file) => file.endsWith('.log')),
      'the request log on disk, among the files searched',
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
