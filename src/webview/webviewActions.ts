import * as vscode from 'vscode';
import { Commands } from '../constants';
import {
  codePointLabel,
  hiddenCharacters,
  replaceHiddenCharacters,
} from '../shared/hiddenCharacters';
import type { HostCommandId } from '../shared/protocol';
import { checkLink, linkDialog } from './linkCheck';

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

/**
 * The chat view's Attach button. Run as a command, attachFile takes the active editor's file
 * without asking; from the page it must not, or a compromised page could attach the open file and
 * send it without a click. A native file dialog is the gesture a page cannot fake: it opens on the
 * active file, so the user who clicked Attach confirms with one Enter, and nothing else is asked.
 */
async function attachFromView(): Promise<unknown> {
  const files = await vscode.window.showOpenDialog({
    title: vscode.l10n.t('Attach Files to Your Next Message'),
    openLabel: vscode.l10n.t('Attach'),
    canSelectMany: true,
    defaultUri: vscode.window.activeTextEditor?.document.uri,
  });
  if (!files?.[0]) return;
  return vscode.commands.executeCommand(Commands.attachFile, files[0], files);
}

export function runHostCommand(command: HostCommandId): Thenable<unknown> {
  if (command === 'attachFile') return attachFromView();
  return vscode.commands.executeCommand(COMMAND_FOR[command]);
}

/** Opens a link from an answer only after the user has seen where it really goes and agreed. */
export async function openLink(raw: string): Promise<void> {
  const check = checkLink(raw);
  const dialog = linkDialog(check, vscode.l10n.t);
  if (check.kind === 'refuse') {
    if (check.reason === 'notWeb') return; // the view never sends these; nothing to explain
    const copy = vscode.l10n.t('Copy Address');
    const answer = await vscode.window.showWarningMessage(
      dialog.message,
      { modal: true, detail: dialog.detail },
      copy,
    );
    if (answer === copy) await vscode.env.clipboard.writeText(check.address);
    return;
  }
  const open = vscode.l10n.t('Open Link');
  const answer = await vscode.window.showWarningMessage(
    dialog.message,
    { modal: true, detail: dialog.detail },
    open,
  );
  if (answer === open) await vscode.env.openExternal(vscode.Uri.parse(check.address, true));
}

/**
 * The view shows hidden characters in code as ⟦U+…⟧ marks, and Copy and Insert take the marks.
 * Code that still holds hidden characters came from a page that did not: they are marked here
 * too, so they never reach the clipboard or a file unseen.
 */
function withMarks(text: string): string {
  return replaceHiddenCharacters(text, ({ run }) =>
    [...run].map((char) => `⟦${codePointLabel(char)}⟧`).join(''),
  );
}

/** Text with hidden characters as ⟦U+…⟧ marks, and a warning when there were any. */
export function markHiddenCharacters(code: string): string {
  if (hiddenCharacters(code).length === 0) return code;
  void vscode.window.showWarningMessage(
    vscode.l10n.t('Hidden characters in the code were replaced by ⟦U+…⟧ marks.'),
  );
  return withMarks(code);
}

/** Copy Details under an error. The view sends it with marks already; a compromised page may not. */
export async function copyErrorDetails(text: string): Promise<void> {
  await vscode.env.clipboard.writeText(withMarks(text));
  void vscode.window.setStatusBarMessage(vscode.l10n.t('Error details copied'), 2000);
}

export async function copyCode(code: string): Promise<void> {
  await vscode.env.clipboard.writeText(markHiddenCharacters(code));
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
  const marked = markHiddenCharacters(code);
  await editor.edit((edit) => {
    for (const selection of editor.selections) edit.replace(selection, marked);
  });
}

export async function openCode(code: string, language: string): Promise<void> {
  const safeLanguage = /^[\w+#.-]{1,40}$/.test(language) ? language : 'plaintext';
  const content = markHiddenCharacters(code);
  const document = await vscode.workspace
    .openTextDocument({ content, language: safeLanguage })
    .then(undefined, () => vscode.workspace.openTextDocument({ content }));
  await vscode.window.showTextDocument(document, { preview: false });
}
