import * as vscode from 'vscode';
import type { ChatController } from '../chat/chatController';

function fileName(title: string): string {
  const base =
    title
      .replace(/[^\p{L}\p{N} _-]+/gu, '')
      .trim()
      .slice(0, 60) || 'conversation';
  return `${base}.md`;
}

/** Saves a conversation as Markdown where the user chooses, then opens it. */
export async function exportConversation(
  chat: ChatController,
  conversationId: string,
): Promise<void> {
  const exported = await chat.exportMarkdown(conversationId);
  if (!exported) return;
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const target = await vscode.window.showSaveDialog({
    ...(folder && { defaultUri: vscode.Uri.joinPath(folder, fileName(exported.title)) }),
    filters: { Markdown: ['md'] },
    saveLabel: vscode.l10n.t('Export'),
  });
  if (!target) return;
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(exported.markdown));
  await vscode.window.showTextDocument(target, { preview: true });
}
