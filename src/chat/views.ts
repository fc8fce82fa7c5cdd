import { boundRetryAfter } from '../providers/errors';
import type { ActiveRequest, ConversationView, ErrorView, MessageView } from '../shared/protocol';
import { branchMarker } from './branchView';
import type { RequestRun } from './requestRun';
import { targetKey } from './targets';
import type { Conversation, StoredAttachment, StoredMessage } from './model';

// Conversions from what is stored to what the webview sees. Attachment paths and captured text
// stay on the host: the view only needs names and sizes.

export function attachmentView(a: StoredAttachment) {
  return {
    id: a.id,
    name: a.name,
    size: a.size,
    kind: a.kind,
    ...(a.note && { note: a.note }),
    ...(a.pasteKey && { pasteKey: a.pasteKey }),
  };
}

/** `now` places a rate limit's wait (see `waitLeft`); a view is built as it is shown. */
export function messageView(message: StoredMessage, now = Date.now()): MessageView {
  return {
    id: message.id,
    role: message.role,
    text: message.text,
    status: message.status,
    createdAt: message.createdAt,
    ...(message.finishedAt !== undefined && { finishedAt: message.finishedAt }),
    ...(message.attachments?.length && { attachments: message.attachments.map(attachmentView) }),
    ...(message.error && { error: waitLeft(message.error, message.finishedAt, now) }),
  };
}

/**
 * The part of a rate limit's wait still to come when the answer is shown: the wait counts from
 * when the answer failed, so a conversation reopened (or a window reloaded) later does not make
 * the reader wait the whole of it again, and one reopened after it is over offers Retry at once.
 * Whole seconds only: the failure shown as it happens (a millisecond after it was recorded) asks
 * for exactly the server's wait. Files written before waits were bounded may hold a Retry-After
 * that would disable Retry for good.
 */
function waitLeft(error: ErrorView, failedAt: number | undefined, now: number): ErrorView {
  const { retryAfterSeconds, ...rest } = error;
  const bounded = boundRetryAfter(retryAfterSeconds);
  if (bounded === undefined) return error;
  const elapsed = failedAt === undefined ? 0 : Math.max(0, Math.floor((now - failedAt) / 1000));
  const left = bounded - elapsed;
  return left > 0 ? { ...rest, retryAfterSeconds: left } : rest;
}

export function conversationView(conversation: Conversation): ConversationView {
  const target = conversation.target;
  return {
    id: conversation.id,
    title: conversation.title,
    ...(target && {
      target: {
        key: targetKey(target.provider, target.id),
        provider: target.provider,
        label: target.label,
      },
    }),
    messages: conversation.messages.map(messageInTree(conversation)),
  };
}

/** The answer a view shows as streaming, when there is one. */
export function activeRequestView(run: RequestRun | undefined): { activeRequest?: ActiveRequest } {
  return run
    ? { activeRequest: { requestId: run.requestId, assistantMessageId: run.assistant.id } }
    : {};
}

/** A message of the visible path with its place in the tree (versions, branch marker). */
export function messageInTree(conversation: Conversation): (message: StoredMessage) => MessageView {
  const marks = branchMarker(conversation);
  return (message) => ({ ...messageView(message), ...marks(message) });
}
