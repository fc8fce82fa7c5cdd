import { randomUUID } from 'node:crypto';
import type { ChatContext } from 'vscode';
import { newConversation, type Conversation } from '../chat/model';
import type { ParticipantDeps } from './participantDeps';

// How the Chat view's turns map onto Twin Chat conversations (and through them onto the servers'
// conversations: TwinExpert conversation ids, KamiMind story ids, kept as `remoteId`).
//
// The stable API names no chat session, but every result a handler returns comes back in that
// session's `ChatContext.history`, metadata included, and only in that session. So each answer
// carries the id of its Twin Chat conversation in its metadata, and a turn continues the
// conversation named by the newest @twin answer in its history. A new chat session has no such
// answer and starts a new conversation; /new and a /use that switches answer with a fresh id,
// which the next turn then continues (a /use that switches nothing answers with the current one).
// Ids survive a window reload (VS Code restores the history, the store the file).

/** What each @twin result carries in `ChatResult.metadata`. */
export interface TwinResultMetadata {
  twinChatConversationId: string;
  /** After /twins: the names (targetNames.ts useName) its follow-ups send after /use. */
  switchTo?: string[];
}

/** The store's own rule for ids (they name files); anything else starts a new conversation. */
const CONVERSATION_ID = /^[A-Za-z0-9_-]{1,80}$/;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function idIn(metadata: unknown): string | undefined {
  if (!isRecord(metadata)) return undefined;
  const id = metadata.twinChatConversationId;
  return typeof id === 'string' && CONVERSATION_ID.test(id) ? id : undefined;
}

/** The conversation id the newest @twin answer in this session's history names, if any. */
export function conversationIdFromHistory(history: ChatContext['history']): string | undefined {
  for (let i = history.length - 1; i >= 0; i -= 1) {
    const turn = history[i];
    if (!turn || !('result' in turn)) continue;
    const id = idIn(turn.result.metadata);
    if (id) return id;
  }
  return undefined;
}

/**
 * The conversations of Chat view sessions, read afresh every turn through the store the Twin Chat
 * view shares (its live copy when a chat shows it), so a rename, an exchange added in a tab or a
 * delete there is never undone by an older copy held here. Only a conversation never saved (a
 * /new with no question yet) is kept in memory.
 */
export class SessionConversations {
  private readonly live = new Map<string, Conversation>();

  constructor(private readonly store: Pick<ParticipantDeps['conversations'], 'load'>) {}

  /** The conversation this session continues, or a new one. */
  async forHistory(history: ChatContext['history']): Promise<Conversation> {
    const id = conversationIdFromHistory(history);
    if (!id) return this.fresh();
    const stored = await this.store.load(id).catch(() => undefined);
    if (stored) {
      this.live.delete(id);
      return stored;
    }
    // Not on disk: never saved yet (kept here), or deleted since (then a new conversation, never
    // the old one brought back).
    const unsaved = this.live.get(id);
    return unsaved && unsaved.messages.length === 0 ? unsaved : this.fresh();
  }

  /** A conversation with no server-side conversation yet, marked as held in the Chat view. */
  fresh(id: string = randomUUID()): Conversation {
    this.forgetAnswered();
    const conversation: Conversation = { ...newConversation(id, Date.now()), origin: 'chatView' };
    this.live.set(id, conversation);
    return conversation;
  }

  /**
   * Only an empty conversation is ever taken back from here (a saved one comes from the store), and
   * only a session's next turn let one go: each one-question Chat view session kept its whole
   * conversation (answer and attached files' text, even once deleted) for the life of the window.
   */
  private forgetAnswered(): void {
    for (const [id, conversation] of this.live) {
      if (conversation.messages.length > 0) this.live.delete(id);
    }
  }
}
