import type { BranchStart, Conversation, StoredMessage } from './model';

// A conversation's messages form a tree: each knows its parent, and siblings are the versions an
// Edit or Regenerate made. `conversation.messages` is always one path through it, the visible
// one, so everything that reads a transcript (view, export, search, Copy) follows that path
// without knowing about branches; `otherBranches` keeps the rest, so nothing is lost by switching.

/** Where a request's server conversation id is kept: the original branch's, or a branch's own. */
export interface ServerThread {
  remoteId?: string;
}

/** Where a new exchange went: the server conversation it continues, and turns to send as context. */
export interface Placement {
  thread: ServerThread;
  /** Set when the exchange opens a server conversation of its own with turns before it. */
  earlier?: StoredMessage[];
}

export function allMessages(conversation: Conversation): StoredMessage[] {
  return [...conversation.messages, ...(conversation.otherBranches ?? [])];
}

/** Children of each message (key '' for the first ones), in the order they were made. */
export function childrenIndex(messages: readonly StoredMessage[]): Map<string, StoredMessage[]> {
  const index = new Map<string, StoredMessage[]>();
  for (const message of messages) {
    const key = message.parentId ?? '';
    index.set(key, [...(index.get(key) ?? []), message]);
  }
  for (const children of index.values()) children.sort((a, b) => a.createdAt - b.createdAt);
  return index;
}

function setPath(conversation: Conversation, path: StoredMessage[], all: StoredMessage[]): void {
  const shown = new Set(path);
  const rest = all.filter((m) => !shown.has(m));
  conversation.messages = path;
  if (rest.length > 0) conversation.otherBranches = rest;
  else delete conversation.otherBranches;
}

/**
 * Makes a message visible: the path from the first message to it, then on down through the newest
 * message under each one. False when there is no such message.
 */
export function showPath(conversation: Conversation, messageId: string): boolean {
  const all = allMessages(conversation);
  const byId = new Map(all.map((m) => [m.id, m]));
  const target = byId.get(messageId);
  if (!target) return false;
  // Each message at most once: a damaged file with a loop in its parents still opens.
  const seen = new Set<StoredMessage>();
  const path: StoredMessage[] = [];
  let up: StoredMessage | undefined = target;
  for (; up && !seen.has(up); up = byId.get(up.parentId ?? '')) {
    seen.add(up);
    path.unshift(up);
  }
  const children = childrenIndex(all);
  let down = children.get(target.id)?.at(-1);
  for (; down && !seen.has(down); down = children.get(down.id)?.at(-1)) {
    seen.add(down);
    path.push(down);
  }
  setPath(conversation, path, all);
  return true;
}

/** The server conversation the visible path continues at `index`: the nearest branch start above. */
export function threadAt(conversation: Conversation, index: number): ServerThread {
  for (let i = index; i >= 0; i--) {
    const branch = conversation.messages[i]?.branch;
    if (branch) return branch;
  }
  return conversation;
}

/**
 * A branch whose server conversation does not exist yet (its first request, or a retry of it)
 * must be told the turns before it; the original branch's server already holds them.
 */
function placed(conversation: Conversation, thread: ServerThread): Placement {
  const isNewBranch = thread !== conversation && !thread.remoteId;
  return isNewBranch ? { thread, earlier: conversation.messages.slice(0, -2) } : { thread };
}

/**
 * A question and its answer at the end of the visible path; `branch` is the branch start a retry
 * of a branch's first question keeps.
 */
export function appendExchange(
  conversation: Conversation,
  user: StoredMessage,
  assistant: StoredMessage,
  branch?: BranchStart,
): Placement {
  const last = conversation.messages.at(-1);
  if (last) user.parentId = last.id;
  if (branch) user.branch = branch;
  assistant.parentId = user.id;
  conversation.messages.push(user, assistant);
  // A retry of a branch's first question tells the earlier turns again even when the server has
  // named the branch: TwinExpert names it before sending, so a request that failed left it empty.
  if (branch) return { thread: branch, earlier: conversation.messages.slice(0, -2) };
  return placed(conversation, threadAt(conversation, conversation.messages.length - 1));
}

/**
 * A new version of the question `from` (on the visible path): a sibling with its own server
 * conversation, made the visible path. What was under `from` stays in `otherBranches`.
 */
export function branchExchange(
  conversation: Conversation,
  from: StoredMessage,
  user: StoredMessage,
  assistant: StoredMessage,
): Placement {
  const at = conversation.messages.indexOf(from);
  if (from.parentId) user.parentId = from.parentId;
  user.branch = { fromMessageId: from.id };
  assistant.parentId = user.id;
  const path = [...conversation.messages.slice(0, Math.max(0, at)), user, assistant];
  setPath(conversation, path, [...allMessages(conversation), user, assistant]);
  return placed(conversation, user.branch);
}

/**
 * Removes a question and its answer from the tree; what followed them moves up to their parent.
 * A branch start passes to the question after it, so later messages keep their server
 * conversation; it is returned when no question took it (the caller may give it to a retry).
 */
export function removeExchange(
  conversation: Conversation,
  user: StoredMessage,
): BranchStart | undefined {
  const all = allMessages(conversation);
  const answers = new Set(all.filter((m) => m.parentId === user.id));
  const after = all.filter((m) => [...answers].some((a) => a.id === m.parentId));
  for (const message of after) {
    if (user.parentId) message.parentId = user.parentId;
    else delete message.parentId;
    if (user.branch) message.branch ??= user.branch;
  }
  const removed = new Set([user, ...answers]);
  setPath(
    conversation,
    conversation.messages.filter((m) => !removed.has(m)),
    all.filter((m) => !removed.has(m)),
  );
  return after.length === 0 ? user.branch : undefined;
}

/** The question of the exchange a message belongs to (itself, or the answer's parent). */
export function questionOf(
  conversation: Conversation,
  messageId: string,
): StoredMessage | undefined {
  const all = allMessages(conversation);
  const message = all.find((m) => m.id === messageId);
  if (message?.role === 'user') return message;
  const parent = all.find((m) => m.id === message?.parentId);
  return parent?.role === 'user' ? parent : undefined;
}

/** The question of the exchange `messageId` (a message of `role`) belongs to, on the visible path. */
export function questionOnPath(
  conversation: Conversation,
  messageId: string,
  role: 'user' | 'assistant',
): StoredMessage | undefined {
  const messages = conversation.messages;
  if (!messages.some((m) => m.id === messageId && m.role === role)) return undefined;
  const user = questionOf(conversation, messageId);
  return user && messages.includes(user) ? user : undefined;
}

/**
 * Removes the exchange of `messageId` from the visible path (the local transcript only); what was
 * under it, or its other versions, stays reachable on the path. False when there was none.
 */
export function deleteExchangeOnPath(conversation: Conversation, messageId: string): boolean {
  const user = questionOf(conversation, messageId);
  if (!user || !conversation.messages.includes(user)) return false;
  removeExchange(conversation, user);
  const anchor =
    conversation.messages.at(-1) ?? childrenIndex(allMessages(conversation)).get('')?.at(-1);
  if (anchor) showPath(conversation, anchor.id);
  conversation.updatedAt = Date.now();
  return true;
}
