import * as vscode from 'vscode';
import { Commands } from '../../src/constants';
import { DEMO_CREDENTIALS, type Simulator } from '../simulator/server';
import { scriptPrompts, type PromptScript } from './prompts';
import { addFirstKamiMindBot, clearCredentials, simulatorForExtension } from './vscodeHelpers';

/** A suite's simulator and the scripted prompts that stand in for the user. */
export interface SimulatorConnection {
  sim: Simulator;
  prompts: PromptScript & { restore(): void };
}

/** The extension talking to a fresh simulator, its prompts scripted; credentials left as they are. */
export async function connectToSimulator(): Promise<SimulatorConnection> {
  const sim = await simulatorForExtension();
  return { sim, prompts: scriptPrompts() };
}

/**
 * Connected as above, from no credentials (Clear Credentials, as the user would, whatever an
 * earlier file stored) to the demo TwinExpert key and, when `kamiMindBot` names one, that bot
 * (which stores the KamiMind token too).
 */
export async function connectSignedIn(
  options: { kamiMindBot?: string } = {},
): Promise<SimulatorConnection> {
  const connection = await connectToSimulator();
  const { prompts } = connection;
  await clearCredentials(prompts);
  prompts.inputs.push(DEMO_CREDENTIALS.twinExpertApiKey);
  await vscode.commands.executeCommand(Commands.setTwinExpertKey);
  if (options.kamiMindBot) await addFirstKamiMindBot(prompts, options.kamiMindBot);
  return connection;
}

/** Gives VS Code its own prompts back and stops the simulator. */
export async function disconnect(connection: SimulatorConnection): Promise<void> {
  connection.prompts.restore();
  await connection.sim.stop();
}

/** Before each test: the simulator's switches and records, and the messages shown, start empty. */
export function forgetEarlierTests({ sim, prompts }: SimulatorConnection): void {
  sim.reset();
  prompts.messages.length = 0;
}
