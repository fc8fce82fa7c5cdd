import type { ChatSession } from '../chat/chatSession';
import type { EditorChats } from '../webview/editorChats';

/**
 * Moves the sidebar's chat (conversation, target, draft, attachments, and an answer still
 * streaming) into a new editor tab; the sidebar starts a new chat.
 */
export async function openChatInEditor(sidebar: ChatSession, tabs: EditorChats): Promise<void> {
  tabs.open({ start: await sidebar.handOver() }).surface.focusInput?.();
}

export function newChatInEditor(tabs: EditorChats): void {
  tabs.open().surface.focusInput?.();
}

/** Stops the answer streaming in the focused or last-used chat (only that one). */
export function stopAnswer(chat: ChatSession): void {
  chat.cancel();
}
