import type { HostToWebview } from '../shared/protocol';
import type { Delivery } from './deltaCoalescer';
import type { Conversation, StoredAttachment } from './model';

/** A way of showing one session: the sidebar view or an editor tab. */
export interface ChatSurface {
  /** Settles when the view has taken the message; undefined when no view shows it now. */
  post(message: HostToWebview): Delivery;
  /** Brings the surface to the front: history asked for the conversation it shows. */
  reveal(): void | PromiseLike<void>;
  /**
   * Puts the cursor in the message box, once the page has loaded if it has not: the user asked
   * for this chat (Open Chat, New Chat) and will type next.
   */
  focusInput?(): void;
  /** The shown conversation's title changed (an editor tab shows it as its own). */
  retitle?(title: string): void;
  /** Identifies an editor tab across a window reload (its webview keeps it). */
  readonly id?: string;
}

/** A session's state handed to a new surface ("Open Chat in Editor"). */
export interface SessionStart {
  conversation: Conversation;
  attachments: StoredAttachment[];
  targetKey?: string;
  draft?: string;
}
