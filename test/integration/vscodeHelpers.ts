import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { Commands, EXTENSION_ID } from '../../src/constants';
import type { TwinChatApi } from '../../src/extension';
import { eventually } from '../harness/eventually';
import { DEMO_CREDENTIALS, startSimulator, type Simulator } from '../simulator/server';
import type { PromptScript } from './prompts';

export async function activeExtension(): Promise<TwinChatApi> {
  const extension = vscode.extensions.getExtension<TwinChatApi>(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is not installed`);
  return extension.activate();
}

export async function setUserSetting(key: string, value: unknown): Promise<void> {
  await vscode.workspace
    .getConfiguration('twinChat')
    .update(key, value, vscode.ConfigurationTarget.Global);
}

/** Every file under `dir` whose bytes contain `needle` (settings, logs, storage...). */
export function filesContaining(dir: string, needle: string): string[] {
  const found: string[] = [];
  const visit = (folder: string): void => {
    for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) visit(full);
      else if (entry.isFile() && fs.readFileSync(full).includes(needle)) found.push(full);
    }
  };
  if (fs.existsSync(dir)) visit(dir);
  return found;
}

export function workspaceFile(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the test run opens a workspace folder');
  return vscode.Uri.joinPath(folder.uri, name);
}

/** A simulator on a free port with the extension's base URLs (user settings) pointing at it. */
export async function simulatorForExtension(): Promise<Simulator> {
  await activeExtension();
  const sim = await startSimulator({ port: 0, tokenDelayMs: 1 });
  await setUserSetting('twinExpert.baseUrl', sim.twinExpertBaseUrl);
  await setUserSetting('kamiMind.baseUrl', sim.kamiMindBaseUrl);
  return sim;
}

/** Starts from no credentials at all: pressing Clear Credentials as the user would. */
export async function clearCredentials(prompts: PromptScript): Promise<void> {
  prompts.buttons.push('Clear Credentials');
  await vscode.commands.executeCommand(Commands.clearCredentials);
  prompts.inputs.length = 0;
  prompts.buttons.length = 0;
  prompts.validationErrors.length = 0;
  prompts.messages.length = 0;
}

/**
 * Adds a KamiMind bot when no KamiMind token is stored yet, so the command goes on to ask for the
 * token; `rejectedBotToken`, if given, is typed first and must be refused. Resolves once the token
 * is saved (the command itself returns before that prompt).
 */
export async function addFirstKamiMindBot(
  prompts: PromptScript,
  label: string,
  rejectedBotToken?: string,
): Promise<void> {
  prompts.inputs.push(label, ...(rejectedBotToken ? [rejectedBotToken] : []));
  prompts.inputs.push(DEMO_CREDENTIALS.kamiMindBotToken, DEMO_CREDENTIALS.kamiMindToken);
  await vscode.commands.executeCommand(Commands.addKamiMindBot);
  await eventually(
    () => prompts.messages.some((m) => /KamiMind token saved/.test(m)),
    'the KamiMind token prompt that follows the first bot',
  );
}
