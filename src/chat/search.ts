import type { SearchHit } from '../shared/protocol';
import type { Conversation } from './model';

const EXCERPT_RADIUS = 40;

function excerpt(text: string, at: number, length: number): string {
  const start = Math.max(0, at - EXCERPT_RADIUS);
  const end = Math.min(text.length, at + length + EXCERPT_RADIUS);
  const body = text.slice(start, end).replace(/\s+/g, ' ');
  return `${start > 0 ? '…' : ''}${body}${end < text.length ? '…' : ''}`;
}

/** Case-insensitive full-text search over titles and every message; one hit per message. */
export function searchConversation(conversation: Conversation, query: string): SearchHit[] {
  const needle = query.trim().toLocaleLowerCase();
  if (!needle) return [];
  const hits: SearchHit[] = [];
  for (const message of conversation.messages) {
    const at = message.text.toLocaleLowerCase().indexOf(needle);
    if (at < 0) continue;
    hits.push({
      conversationId: conversation.id,
      title: conversation.title,
      messageId: message.id,
      excerpt: excerpt(message.text, at, needle.length),
    });
  }
  if (hits.length === 0 && conversation.title.toLocaleLowerCase().includes(needle)) {
    hits.push({
      conversationId: conversation.id,
      title: conversation.title,
      messageId: conversation.messages[0]?.id ?? '',
      excerpt: conversation.title,
    });
  }
  return hits;
}
