// A base URL changed while the chat is open (by hand in the user settings, or by Use Real
// Services): the twins the picker lists, and the key's warning, came from the old server. The
// picker must show the new server's twins, or a message to a twin of the old one goes to the new.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { Commands } from '../../src/constants';
import { eventually } from '../harness/eventually';
import { startSimulator, type Simulator } from '../simulator/server';
import { connectSignedIn, disconnect, type SimulatorConnection } from './simulatorConnection';
import { activeExtension, clearCredentials, setUserSetting } from './vscodeHelpers';

/** A listing of the twins, as the picker asks for it (Test Connection asks for one twin only). */
const twinListings = (sim: Simulator) =>
  sim.requests.filter((r) => r.path.endsWith('/twins') && r.query.limit !== '1').length;

describe('a base URL changed while the chat view is open', () => {
  let connection: SimulatorConnection;
  let other: Simulator;

  before(async () => {
    connection = await connectSignedIn();
    other = await startSimulator({ port: 0, tokenDelayMs: 1 });
    const api = await activeExtension();
    await vscode.commands.executeCommand(Commands.openChat);
    await api.whenChatViewReady();
  });

  after(async () => {
    await clearCredentials(connection.prompts);
    await other.stop();
    await disconnect(connection);
  });

  it('lists the twins of the new server at once', async () => {
    await eventually(() => twinListings(connection.sim) > 0, 'the first server lists its twins');
    const before = twinListings(other);
    await setUserSetting('twinExpert.baseUrl', other.twinExpertBaseUrl);
    await eventually(() => twinListings(other) > before, 'the new server is asked for its twins');
  });

  it('switching to the demo server from other base URLs lists the twins once', async () => {
    const { sim, prompts } = connection;
    await setUserSetting('twinExpert.baseUrl', other.twinExpertBaseUrl);
    await setUserSetting('kamiMind.baseUrl', other.kamiMindBaseUrl);
    const before = twinListings(sim);
    prompts.inputs.push(sim.url);
    await vscode.commands.executeCommand(Commands.useDemoServer);
    await eventually(() => twinListings(sim) > before, 'the demo server lists its twins');
    // Test Connection runs after every change notice was delivered; a listing per notice (one per
    // base URL, one for the secrets) would have started by the time its own result is shown.
    prompts.messages.length = 0;
    await vscode.commands.executeCommand(Commands.testConnection);
    await eventually(() => prompts.messages.length > 0, 'the Test Connection result');
    assert.match(prompts.messages[0] ?? '', /Credentials accepted by TwinExpert, KamiMind/);
    assert.equal(twinListings(sim) - before, 1);
  });
});
