import { randomUUID } from 'node:crypto';
import type { ChatSession } from './chatSession';
import { newConversation, type Conversation } from './model';
import type { SessionMemory } from './sessionMemory';
import type { SessionTarget } from './sessionTarget';

/**
 * Which conversation a session shows, and how it comes to show another: the one it showed before
 * a window reload, one opened from history, a new one. A conversation is shown in at most one
 * place, so every move checks that no other surface shows it, again after each await. The
 * session posts what the view needs once a move is made.
 */
export class ShownConversation {
  private conversation: Conversation;
  private restored: boolean;

  constructor(
    private readonly session: ChatSession,
    private readonly memory: SessionMemory,
    private readonly target: SessionTarget,
    start?: Conversation,
  ) {
    this.conversation = start ?? newConversation(randomUUID(), Date.now());
    this.restored = start !== undefined;
  }

  /** The live conversation object (ChatSessions edits it in place as answers stream). */
  get current(): Conversation {
    return this.conversation;
  }

  /**
   * After a restart, the conversation that was open comes back (with any cut-off answer marked
   * interrupted). Only once, never over a conversation already in use in this session, and not
   * when another surface shows it already. Says whether it came back.
   */
  async restore(): Promise<boolean> {
    if (this.restored || this.conversation.messages.length > 0) return false;
    this.restored = true;
    const id = this.memory.read().conversationId;
    if (!id) return false;
    // Another surface still shows it: after a window reload, the tab's old webview may be closed
    // only after its new one asked; ChatSessions.close hands the conversation over then.
    return this.loadUnshown(id);
  }

  /**
   * The surface that showed `conversationId` closed: if this (still empty) session was restored
   * to it and found it shown there, it shows it now. Says whether it does.
   */
  async takeOverFromClosed(conversationId: string): Promise<boolean> {
    if (this.conversation.messages.length > 0) return false;
    if (this.memory.read().conversationId !== conversationId) return false;
    return this.loadUnshown(conversationId);
  }

  /**
   * Makes the saved conversation `id` this session's, unless another surface shows it or this
   * session moved on (opened or started another conversation) while it was read. Says whether
   * it did.
   */
  private async loadUnshown(id: string): Promise<boolean> {
    const shared = this.session.shared;
    if (shared.showing(id)) return false;
    const before = this.conversation;
    const conversation = await shared.find(id);
    if (!conversation || shared.showing(id) || this.conversation !== before) return false;
    this.conversation = conversation;
    await this.target.follow(conversation.target);
    return true;
  }

  /**
   * Shows a saved conversation here, or brings forward the surface that already shows it. Says
   * whether this session shows it now (false also when it is gone, or was shown here already).
   */
  async open(conversationId: string): Promise<boolean> {
    const shared = this.session.shared;
    const elsewhere = shared.showing(conversationId);
    if (elsewhere && elsewhere !== this.session) {
      await elsewhere.surface.reveal();
      return false;
    }
    const conversation = await shared.find(conversationId);
    if (!conversation || shared.showing(conversationId)) return false;
    this.conversation = conversation;
    await this.memory.write({ conversationId: conversation.id });
    await this.target.follow(conversation.target);
    return true;
  }

  /** An empty conversation; one still streaming in the one left goes on and is saved. */
  async startNew(): Promise<void> {
    this.conversation = newConversation(randomUUID(), Date.now());
    await this.memory.write({ conversationId: undefined });
  }
}
