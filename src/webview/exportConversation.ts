import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ChatSessions } from '../chat/chatSessions';
import { defaultExportPath } from '../chat/exportLocation';

/** The folder of the last export in this session, where the next one starts. */
let lastFolder: string | undefined;

/** Saves a conversation as Markdown where the user chooses, then opens it. */
export async function exportConversation(
  chat: Pick<ChatSessions, 'exportMarkdown'>,
  conversationId: string,
): Promise<void> {
  const exported = await chat.exportMarkdown(conversationId);
  if (!exported) {
    // Said, not silent: the command is offered whatever the chat shows.
    void vscode.window.showInformationMessage(
      vscode.l10n.t('This chat has nothing to export yet: send a message first.'),
    );
    return;
  }
  const target = await vscode.window.showSaveDialog({
    defaultUri: vscode.Uri.file(defaultExportPath(exported.title, lastFolder, os.homedir())),
    filters: { Markdown: ['md'] },
    saveLabel: vscode.l10n.t('Export'),
  });
  if (!target) return;
  if (target.scheme === 'file') lastFolder = path.dirname(target.fsPath);
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(exported.markdown));
  await vscode.window.showTextDocument(target, { preview: true });
}
