import type { SearchHit } from '../shared/protocol';
import type { Conversation } from './model';

const EXCERPT_RADIUS = 40;

/**
 * A message as a reader of a one-line snippet sees it: fence lines, backticks, heading and quote
 * marks and bold markers are Markdown syntax, not words, so they are dropped from the snippet.
 * Not for matching: `__init__`, `**kwargs` or `# TODO` are what users search for and this loses.
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

/** The text on one line, as a snippet shows it; nothing but whitespace is changed. */
function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * The snippet for a message that contains `needle` (lower case), or undefined if it does not. The
 * raw text is matched, so code terms are found as typed; plain text too, so a phrase that crosses
 * emphasis (`**bold** word`) is still found. The snippet is plain text when that still holds the
 * match, else the raw text around it: a snippet must show what was searched for.
 */
function matchIn(markdown: string, needle: string): string | undefined {
  const plain = plainText(markdown);
  const plainAt = plain.toLocaleLowerCase().indexOf(needle);
  if (plainAt >= 0) return excerpt(plain, plainAt, needle.length);
  const raw = oneLine(markdown);
  const rawAt = raw.toLocaleLowerCase().indexOf(needle);
  return rawAt >= 0 ? excerpt(raw, rawAt, needle.length) : undefined;
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
    const snippet = matchIn(message.text, needle);
    if (snippet === undefined) continue;
    matches += 1;
    first ??= {
      conversationId: conversation.id,
      title: conversation.title,
      messageId: message.id,
      excerpt: snippet,
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
