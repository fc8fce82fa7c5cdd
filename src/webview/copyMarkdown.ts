import * as vscode from 'vscode';
import { markHiddenCharacters } from './webviewActions';

/**
 * Copy on a message or on the conversation: Markdown built by the host from its own copy of the
 * text (the page only names what to copy), with hidden characters marked as in copied code.
 */
export async function copyMarkdown(
  markdown: string | undefined,
  what: 'message' | 'conversation',
): Promise<void> {
  if (markdown === undefined) return;
  await vscode.env.clipboard.writeText(markHiddenCharacters(markdown));
  const done =
    what === 'message' ? vscode.l10n.t('Message copied') : vscode.l10n.t('Conversation copied');
  void vscode.window.setStatusBarMessage(done, 2000);
}
