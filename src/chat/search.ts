import type { SearchHit } from '../shared/protocol';
import type { Conversation } from './model';

const EXCERPT_RADIUS = 40;

/**
 * A message as a reader of a one-line snippet sees it: fence lines, backticks, heading and quote
 * marks and bold markers are Markdown syntax, not words, so they are dropped before matching.
 */
export function plainText(markdown: string): string {
  return markdown
    .replace(/^[ \t]*(?:`{3,}|~{3,})[^\n]*$/gm, ' ')
    .replace(/^[ \t]*(?:#{1,6}|>+)[ \t]+/gm, '')
    .replace(/`+/g, '')
    .replace(/(\*\*|__)(?=\S)([\s\S]*?\S)\1/g, '$2')
    .replace(/\s+/g, ' ')
    .trim();
}

function isLowSurrogate(text: string, at: number): boolean {
  const code = text.charCodeAt(at);
  return code >= 0xdc00 && code <= 0xdfff;
}

/** `[start, end)` widened so that neither end falls between the two halves of an emoji. */
function wholeCharacters(text: string, start: number, end: number): [number, number] {
  return [
    start > 0 && isLowSurrogate(text, start) ? start - 1 : start,
    end < text.length && isLowSurrogate(text, end) ? end + 1 : end,
  ];
}

function excerpt(text: string, at: number, length: number): string {
  const [start, end] = wholeCharacters(
    text,
    Math.max(0, at - EXCERPT_RADIUS),
    Math.min(text.length, at + length + EXCERPT_RADIUS),
  );
  return `${start > 0 ? '…' : ''}${text.slice(start, end)}${end < text.length ? '…' : ''}`;
}

/**
 * Case-insensitive full-text search over a conversation's title and messages. A conversation is
 * one hit however often it matches (one row in the list): the first matching message, with the
 * number of messages that match.
 */
export function searchConversation(conversation: Conversation, query: string): SearchHit[] {
  const needle = query.trim().toLocaleLowerCase();
  if (!needle) return [];
  let first: SearchHit | undefined;
  let matches = 0;
  for (const message of conversation.messages) {
    const text = plainText(message.text);
    const at = text.toLocaleLowerCase().indexOf(needle);
    if (at < 0) continue;
    matches += 1;
    first ??= {
      conversationId: conversation.id,
      title: conversation.title,
      messageId: message.id,
      excerpt: excerpt(text, at, needle.length),
    };
  }
  if (first) return [{ ...first, matches }];
  if (!conversation.title.toLocaleLowerCase().includes(needle)) return [];
  return [
    {
      conversationId: conversation.id,
      title: conversation.title,
      messageId: conversation.messages[0]?.id ?? '',
      excerpt: conversation.title,
      matches: 1,
    },
  ];
}
