import { randomUUID } from 'node:crypto';
import type { FileIdentity } from '../providers/types';
import type { ErrorView, MessageStatus } from '../shared/protocol';
import type { ProviderId } from '../shared/providers';

// The persisted shape of a conversation. Kept separate from the view types so the file format can
// evolve (with `version`) without touching the webview protocol.

/** 2: messages form a tree (`parentId`, `branch`, `otherBranches`); 1 was one linear list. */
export const CONVERSATION_FILE_VERSION = 2;

export type ConversationOrigin = 'chatView';

export interface StoredTarget {
  provider: ProviderId;
  id: string;
  label: string;
}

/** What was attached to a message, kept so Retry can send exactly the same thing again. */
export interface StoredAttachment {
  id: string;
  name: string;
  size: number;
  kind: 'file' | 'selection';
  note?: string;
  /** A file on disk, re-read (streamed) when the message is sent or retried. */
  path?: string;
  /** The file `path` named when it was attached: sending refuses any other (or grown) file. */
  identity?: AttachedIdentity;
  /** Text captured at attach time: a selection or an unsaved editor buffer. */
  content?: string;
  /**
   * Bytes captured at attach time, base64: a binary file of another file system (`vscode-vfs:`,
   * `git:`), uploaded exactly as read and never inlined as text (otherFileSystemBytes.ts).
   */
  base64?: string;
  contentType?: string;
  /** A pasted image: the page's key for its bytes, so its chip can show a thumbnail. */
  pasteKey?: string;
}

export interface AttachedIdentity extends FileIdentity {
  /** The path was itself a symbolic link; if it was not, one found there later is refused. */
  symlink: boolean;
}

export interface StoredMessage {
  id: string;
  role: 'user' | 'assistant';
  text: string;
  status: MessageStatus;
  /** When the question was sent; for an answer, when it was asked for. Epoch milliseconds. */
  createdAt: number;
  /** When an answer ended (complete, stopped or failed). Absent in files written before it was kept. */
  finishedAt?: number;
  attachments?: StoredAttachment[];
  error?: ErrorView;
  /** The message this one follows; absent on the first message. Siblings are branches. */
  parentId?: string;
  /** Set on the first question of a branch: from here on it has its own server conversation. */
  branch?: BranchStart;
}

/**
 * A branch made by Edit or Regenerate. Server conversations are linear and cannot be rewritten,
 * so a branch gets a new one (its own `remoteId`), and its first request carries the earlier
 * turns as a transcript preamble (branchPreamble.ts).
 */
export interface BranchStart {
  /** The question this branch was made from (the one edited, or the one asked again). */
  fromMessageId: string;
  /** The branch's server-side conversation, once the server has named it. */
  remoteId?: string;
  /** Earlier turns sent as the preamble, and the oldest ones left out to keep within its cap. */
  sentTurns?: number;
  droppedTurns?: number;
}

export interface Conversation {
  version: number;
  id: string;
  title: string;
  target?: StoredTarget;
  /**
   * The server-side conversation of the original branch: TwinExpert conversation id or KamiMind
   * story_id. A later branch keeps its own in `BranchStart.remoteId`.
   */
  remoteId?: string;
  createdAt: number;
  updatedAt: number;
  /** The visible path, first message to last: what is shown, exported, searched and continued. */
  messages: StoredMessage[];
  /** Where it was held: absent for Twin Chat's own view; `chatView` for @twin in VS Code's Chat view. */
  origin?: ConversationOrigin;
  /** Every other message of the tree (branches not shown now); absent until the first branch. */
  otherBranches?: StoredMessage[];
}

/**
 * The server conversations of its later branches (Edit, Regenerate each start one): they are the
 * conversation's too, so one found on the server is this conversation, not one to import.
 */
export function branchRemoteIds(conversation: Conversation): string[] {
  const ids = new Set<string>();
  for (const message of [...conversation.messages, ...(conversation.otherBranches ?? [])]) {
    const id = message.branch?.remoteId;
    if (id && id !== conversation.remoteId) ids.add(id);
  }
  return [...ids];
}

/** Every server conversation it is linked to: its first branch's, then its later branches'. */
export function serverIdsOf(conversation: Conversation): string[] {
  return [
    ...(conversation.remoteId ? [conversation.remoteId] : []),
    ...branchRemoteIds(conversation),
  ];
}

export function newConversation(id: string, now: number, target?: StoredTarget): Conversation {
  return {
    version: CONVERSATION_FILE_VERSION,
    id,
    title: '',
    target,
    createdAt: now,
    updatedAt: now,
    messages: [],
  };
}

/** A question and the (still empty) answer that will stream into it. */
export function newExchange(
  text: string,
  attachments: StoredAttachment[],
  now: number,
): { user: StoredMessage; assistant: StoredMessage } {
  return {
    user: {
      id: randomUUID(),
      role: 'user',
      text,
      status: 'complete',
      createdAt: now,
      ...(attachments.length > 0 && { attachments }),
    },
    assistant: {
      id: randomUUID(),
      role: 'assistant',
      text: '',
      status: 'streaming',
      createdAt: now,
    },
  };
}

const TITLE_LENGTH = 60;

/** The first line of a message without leading Markdown marks: a title before it is shortened. */
export function fullTitleFrom(text: string): string {
  return (
    text
      .trim()
      .split('\n', 1)[0]
      ?.replace(/^[#>*\s`-]+/, '') ?? ''
  );
}

/** A title from the first line of the first message, the way people skim a list. */
export function titleFrom(text: string): string {
  const firstLine = fullTitleFrom(text);
  return firstLine.length > TITLE_LENGTH ? `${firstLine.slice(0, TITLE_LENGTH - 1)}…` : firstLine;
}
