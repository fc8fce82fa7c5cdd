import * as vscode from 'vscode';
import type { ChatSession } from '../chat/chatSession';
import { queueCheckedFile } from './dropAttachments';
import { formatCodeContext, selectionContext } from './editorContext';

const t = vscode.l10n.t;

/** Brings forward the chat the command acts on (the focused or last-used one). */
async function showChat(chat: ChatSession): Promise<void> {
  await chat.surface.reveal();
}

function currentSelection(): string | undefined {
  const editor = vscode.window.activeTextEditor;
  const context = editor && selectionContext(editor);
  if (!context) {
    void vscode.window.showInformationMessage(
      t('Select some code (or put the cursor on a line) first.'),
    );
    return undefined;
  }
  return formatCodeContext(context);
}

/** Sends the selection (or the cursor's line) with its file, lines and language. */
export async function sendSelection(chat: () => ChatSession): Promise<void> {
  const block = currentSelection();
  if (!block) return;
  const session = chat();
  await showChat(session);
  await session.send(block);
}

/** Like Send Selection, with the user's question first. */
export async function askAboutSelection(chat: () => ChatSession): Promise<void> {
  const block = currentSelection();
  if (!block) return;
  const question = await vscode.window.showInputBox({
    title: t('Ask Twin About Selection'),
    prompt: t('What do you want to know about the selected code?'),
    placeHolder: t('e.g. Why does this loop never end?'),
    ignoreFocusOut: true,
  });
  if (!question?.trim()) return;
  const session = chat();
  await showChat(session);
  await session.send(`${question.trim()}\n\n${block}`);
}

function filesToAttach(uri?: unknown, uris?: unknown): vscode.Uri[] {
  if (Array.isArray(uris) && uris.every((u) => u instanceof vscode.Uri) && uris.length > 0)
    return uris;
  if (uri instanceof vscode.Uri) return [uri];
  const active = vscode.window.activeTextEditor?.document.uri;
  return active ? [active] : [];
}

/**
 * Queues files as attachments of the next message: from the explorer (one or several), the
 * editor title or context menu, or the active editor. They appear as chips in the chat input.
 */
export async function attachFile(
  chat: () => ChatSession,
  uri?: unknown,
  uris?: unknown,
): Promise<void> {
  const files = filesToAttach(uri, uris);
  if (files.length === 0) {
    void vscode.window.showInformationMessage(
      t('Open a file or select one in the Explorer to attach it.'),
    );
    return;
  }
  const controller = chat();
  for (const file of files) await queueCheckedFile(controller, file);
  await showChat(controller);
}
