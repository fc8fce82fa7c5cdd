import type { Conversation } from './model';

/**
 * How long Undo can bring a deleted conversation back. Longer than the view's Undo bar
 * (UNDO_DELETE_MS in src/webview-ui/delays.ts, 6 s), so an Undo clicked at its last moment still
 * finds it; short, because the conversation may hold the text of attached secret files.
 */
const RESTORE_WINDOW_MS = 15_000;

/**
 * Conversations deleted in this session. Their file is gone, and no checkpoint may write it back
 * (an answer that was streaming into one still ends, and saves, after the delete). The last one
 * is kept in memory only, for a short while, so that Undo can save it back.
 */
export class DeletedConversations {
  private readonly ids = new Set<string>();
  private last: { conversation: Conversation; expiry: ReturnType<typeof setTimeout> } | undefined;

  has(conversationId: string): boolean {
    return this.ids.has(conversationId);
  }

  /** Marks `conversationId` deleted and keeps `conversation` (forgetting the one before) for Undo. */
  add(conversationId: string, conversation: Conversation | undefined): void {
    this.ids.add(conversationId);
    this.keep(conversation);
  }

  /** The conversation to save back, if it is the last one deleted and still recent. */
  takeForRestore(conversationId: string): Conversation | undefined {
    const kept = this.last?.conversation;
    if (kept?.id !== conversationId) return undefined;
    this.keep(undefined);
    this.ids.delete(conversationId);
    return kept;
  }

  private keep(conversation: Conversation | undefined): void {
    if (this.last) clearTimeout(this.last.expiry);
    this.last = undefined;
    if (!conversation) return;
    const expiry = setTimeout(() => {
      if (this.last?.conversation === conversation) this.last = undefined;
    }, RESTORE_WINDOW_MS);
    expiry.unref(); // a pending Undo never keeps the host (or a test run) alive
    this.last = { conversation, expiry };
  }
}
