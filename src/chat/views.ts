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

export function messageView(message: StoredMessage): MessageView {
  return {
    id: message.id,
    role: message.role,
    text: message.text,
    status: message.status,
    createdAt: message.createdAt,
    ...(message.finishedAt !== undefined && { finishedAt: message.finishedAt }),
    ...(message.attachments?.length && { attachments: message.attachments.map(attachmentView) }),
    ...(message.error && { error: boundedError(message.error) }),
  };
}

/** Files written before waits were bounded may hold a Retry-After that would disable Retry for good. */
function boundedError(error: ErrorView): ErrorView {
  const seconds = boundRetryAfter(error.retryAfterSeconds);
  return seconds === undefined ? error : { ...error, retryAfterSeconds: seconds };
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
