import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { Commands } from '../../src/constants';
import type { Simulator } from '../simulator/server';
import { connectSignedIn, disconnect, type SimulatorConnection } from './simulatorConnection';

describe('quota in VS Code', () => {
  let sim: Simulator;
  let prompts: SimulatorConnection['prompts'];

  before(async () => ({ sim, prompts } = await connectSignedIn()));

  after(() => disconnect({ sim, prompts }));

  const lowWarnings = () => prompts.messages.filter((m) => /few requests left/.test(m));

  /** The remaining count Test Connection reported, from its "N of 20 requests left". */
  function reportedLeft(): number | undefined {
    const said = prompts.messages.join('\n');
    const match = /TwinExpert: (\d+) of 20 requests left, resets at \S+/.exec(said);
    return match ? Number(match[1]) : undefined;
  }

  it('Test Connection shows remaining/limit, and one warning appears as remaining crosses 10%', async () => {
    sim.reset(); // a fresh counter: earlier requests (the twin list, its details) do not count
    sim.configure({ teRateLimit: 20 });
    // Other parts of the extension may spend requests too, so the count is read, not assumed.
    let left = 20;
    const reports: number[] = [];
    for (let n = 0; n < 25 && left >= 2; n++) {
      prompts.messages.length = 0;
      await vscode.commands.executeCommand(Commands.testConnection);
      const reported = reportedLeft();
      assert.ok(reported !== undefined && reported < left, prompts.messages.join('\n'));
      left = reported;
      reports.push(reported);
      const expected = left < 2 ? 1 : 0;
      assert.equal(
        lowWarnings().length,
        expected,
        `${left} of 20 left: ${prompts.messages.join('\n')}`,
      );
    }
    assert.ok(left < 2, 'the count went below 10%');
    assert.ok((reports[0] ?? 0) >= 10, `the count started high: ${reports.join(', ')}`);
    assert.match(lowWarnings()[0] ?? '', new RegExp(`TwinExpert: ${left} of 20 requests left`));
    prompts.messages.length = 0;
    await vscode.commands.executeCommand(Commands.testConnection);
    assert.equal(lowWarnings().length, 0, 'warned once, not on every request');
  });
});
