import type { ConversationView, MessageView } from '../shared/protocol';
import { targetKey } from './targets';
import type { Conversation, StoredAttachment, StoredMessage } from './model';

// Conversions from what is stored to what the webview sees. Attachment paths and captured text
// stay on the host: the view only needs names and sizes.

export function attachmentView(a: StoredAttachment) {
  return { id: a.id, name: a.name, size: a.size, kind: a.kind, ...(a.note && { note: a.note }) };
}

export function messageView(message: StoredMessage): MessageView {
  return {
    id: message.id,
    role: message.role,
    text: message.text,
    status: message.status,
    createdAt: message.createdAt,
    ...(message.attachments?.length && { attachments: message.attachments.map(attachmentView) }),
    ...(message.error && { error: message.error }),
  };
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
    messages: conversation.messages.map(messageView),
  };
}
