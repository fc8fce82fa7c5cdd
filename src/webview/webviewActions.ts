import * as vscode from 'vscode';
import { Commands } from '../constants';
import type { HostCommandId } from '../shared/protocol';

// What the webview may ask of the editor besides chatting. Each action re-checks its input: the
// page renders model output and must be assumed compromised.

const COMMAND_FOR: Record<HostCommandId, string> = {
  setTwinExpertKey: Commands.setTwinExpertKey,
  setKamiMindToken: Commands.setKamiMindToken,
  addKamiMindBot: Commands.addKamiMindBot,
  showLogs: Commands.showLogs,
  attachFile: Commands.attachFile,
  tryDemoServer: Commands.useDemoServer,
};

export function runHostCommand(command: HostCommandId): Thenable<unknown> {
  return vscode.commands.executeCommand(COMMAND_FOR[command]);
}

/** Opens a link from an answer only after the user has seen the full address and agreed. */
export async function openLink(raw: string): Promise<void> {
  let uri: vscode.Uri;
  try {
    uri = vscode.Uri.parse(raw, true);
  } catch {
    return;
  }
  if (uri.scheme !== 'http' && uri.scheme !== 'https') return;
  const open = vscode.l10n.t('Open Link');
  const answer = await vscode.window.showWarningMessage(
    vscode.l10n.t('Open this link from the answer in your browser?'),
    { modal: true, detail: uri.toString(true) },
    open,
  );
  if (answer === open) await vscode.env.openExternal(uri);
}

export async function copyCode(code: string): Promise<void> {
  await vscode.env.clipboard.writeText(code);
  void vscode.window.setStatusBarMessage(vscode.l10n.t('Code copied'), 2000);
}

export async function insertCode(code: string): Promise<void> {
  const editor = vscode.window.activeTextEditor ?? vscode.window.visibleTextEditors[0];
  if (!editor) {
    void vscode.window.showInformationMessage(
      vscode.l10n.t('Open a file to insert the code into.'),
    );
    return;
  }
  await editor.edit((edit) => {
    for (const selection of editor.selections) edit.replace(selection, code);
  });
}

export async function openCode(code: string, language: string): Promise<void> {
  const safeLanguage = /^[\w+#.-]{1,40}$/.test(language) ? language : 'plaintext';
  const document = await vscode.workspace
    .openTextDocument({ content: code, language: safeLanguage })
    .then(undefined, () => vscode.workspace.openTextDocument({ content: code }));
  await vscode.window.showTextDocument(document, { preview: false });
}
