import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { EXTENSION_ID } from '../../src/constants';
import type { TwinChatApi } from '../../src/extension';
import { startSimulator, type Simulator } from '../simulator/server';

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
