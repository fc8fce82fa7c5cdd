import type { Place } from './answers';
import {
  appendExchange,
  branchExchange,
  deleteExchangeOnPath,
  questionOnPath,
  removeExchange,
  showPath,
} from './branches';
import type { ChatSessions } from './chatSessions';
import type { ChatSurface } from './chatSurface';
import type { Conversation, StoredAttachment, StoredMessage } from './model';
import { conversationView } from './views';

/** What the branch operations need from their session (ChatSession provides it). */
export interface BranchHost {
  readonly shared: ChatSessions;
  readonly surface: ChatSurface;
  conversationNow(): Conversation;
  isStreaming(): boolean;
  showConversation(): void;
  startAnswer(text: string, attachments: StoredAttachment[], place: Place): Promise<void>;
}

/**
 * The answers the view shows Retry under (webview-ui/views/errorView.ts): an interrupted one, and
 * a failed one whose error offers it. Not a stopped one (Regenerate asks again after Stop), nor
 * one failed on a rejected key, whose next step is Set API Key.
 */
export function offersRetry(answer: StoredMessage): boolean {
  if (answer.status === 'interrupted') return true;
  return answer.status === 'error' && answer.error?.actions.includes('retry') === true;
}

/**
 * The operations that change which path of a conversation's tree is shown or asked again (retry,
 * edit, regenerate, the `< n / m >` switcher, delete from the transcript). None runs while an
 * answer streams into the conversation: the tree would change under it.
 */
export class SessionBranches {
  constructor(private readonly host: BranchHost) {}

  /**
   * Sends the question of a failed or interrupted answer again, attachments included. Only an
   * answer the view offers Retry for: the message comes from the page, and a stale or forged one
   * naming a complete answer would delete it and ask its question again at the end. An answer
   * that holds text is kept as an earlier version, as Regenerate keeps one, so a retry that fails
   * too loses nothing that had arrived; an empty one is replaced, leaving no empty versions.
   */
  async retry(messageId: string): Promise<void> {
    const conversation = this.host.conversationNow();
    if (this.host.isStreaming()) return;
    const answer = conversation.messages.find((m) => m.id === messageId);
    const user = questionOnPath(conversation, messageId, 'assistant');
    if (!user || !answer || !offersRetry(answer)) return;
    await (answer.text === '' ? this.askAgainInPlace(user) : this.startBranch(user, user.text));
  }

  /** The exchange of an empty failed answer asked again at the end of the path, in its place. */
  private async askAgainInPlace(user: StoredMessage): Promise<void> {
    const conversation = this.host.conversationNow();
    // A branch whose first answer failed keeps its branch start, so the retry still carries the
    // earlier turns to the new server conversation.
    const branch = removeExchange(conversation, user);
    this.host.surface.post({
      type: 'conversation/show',
      conversation: conversationView(conversation),
    });
    await this.host.startAnswer(user.text, user.attachments ?? [], (c, u, a) =>
      appendExchange(c, u, a, branch),
    );
  }

  /** Edit and resend: the question with new text becomes a new branch beside it. */
  async edit(messageId: string, text: string): Promise<void> {
    const from = questionOnPath(this.host.conversationNow(), messageId, 'user');
    if (this.host.isStreaming() || !from || text.trim() === '') return;
    await this.startBranch(from, text);
  }

  /** Regenerate: the answer's question asked again in a new branch; the old answer stays in its own. */
  async regenerate(messageId: string): Promise<void> {
    const from = questionOnPath(this.host.conversationNow(), messageId, 'assistant');
    if (this.host.isStreaming() || !from) return;
    await this.startBranch(from, from.text);
  }

  private async startBranch(from: StoredMessage, text: string): Promise<void> {
    const conversation = this.host.conversationNow();
    const view = conversationView(conversation);
    const before = conversation.messages.indexOf(from);
    this.host.surface.post({
      type: 'conversation/show',
      conversation: { ...view, messages: view.messages.slice(0, before) },
    });
    await this.host.startAnswer(text, from.attachments ?? [], (c, u, a) =>
      branchExchange(c, from, u, a),
    );
  }

  /** The `< n / m >` switcher: shows another version of a message, and saves the choice. */
  async switchBranch(messageId: string): Promise<void> {
    const conversation = this.host.conversationNow();
    if (this.host.isStreaming() || !showPath(conversation, messageId)) return;
    this.host.showConversation();
    await this.host.shared.checkpoint(conversation);
  }

  /** Removes one question and its answer from the local transcript; the server keeps its copy. */
  async deleteExchange(messageId: string): Promise<void> {
    const conversation = this.host.conversationNow();
    if (this.host.isStreaming() || !deleteExchangeOnPath(conversation, messageId)) return;
    this.host.showConversation();
    const shared = this.host.shared;
    // Saved even when no message is left (a checkpoint skips empty conversations), or the
    // deleted exchange would come back with the next load.
    if (!shared.deleted.has(conversation.id)) await shared.deps.store.save(conversation);
    await shared.postConversations();
  }
}
