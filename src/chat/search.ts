import type { SearchHit } from '../shared/protocol';
import type { Conversation } from './model';
import { foldForSearch, foldWithOrigins } from './store/foldText';
import { holdsWords, parseQuery, type SearchQuery } from './store/searchQuery';

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
 * The snippet of `text` around the first place its folded form holds `needle` (folded), cut from
 * the original so it keeps its diacritics; undefined if it does not hold it.
 */
function excerptAround(text: string, needle: string): string | undefined {
  if (!foldForSearch(text).includes(needle)) return undefined;
  const folded = foldWithOrigins(text);
  const at = folded.text.indexOf(needle);
  const start = folded.origin[at] ?? 0;
  const end = folded.origin[at + needle.length] ?? text.length;
  return excerpt(text, start, end - start);
}

/**
 * Most messages of a conversation the index found do not match: they are turned away on one pass
 * over their text. Query words hold no punctuation, and Markdown marks may sit inside a word the
 * plain text joins up (`foo`bar``), so the marks go before looking.
 */
function lacksAWord(markdown: string, words: readonly string[]): boolean {
  if (words.length === 0) return false;
  const bare = foldForSearch(markdown).replace(/[`*_~]/g, '');
  return words.some((word) => !bare.includes(word));
}

/** A message's snippet, and whether it holds the query as typed (a phrase) or only its words. */
interface MessageMatch {
  snippet: string;
  exact: boolean;
}

/**
 * The query as typed is looked for first, in the plain text and then in the raw text (code terms
 * like `__init__` are found as typed, and a phrase that crosses emphasis is still found); failing
 * that, every word of it in any order, the last one as a prefix (what the index matched).
 * The snippet is plain text when that still holds the match, else the raw text around it: a
 * snippet must show what was searched for.
 */
function matchIn(markdown: string, query: SearchQuery): MessageMatch | undefined {
  if (lacksAWord(markdown, query.words)) return undefined;
  const plain = plainText(markdown);
  const raw = oneLine(markdown);
  const phrase = excerptAround(plain, query.phrase) ?? excerptAround(raw, query.phrase);
  if (phrase !== undefined) return { snippet: phrase, exact: true };
  if (!holdsWords(raw, query.words)) return undefined;
  const first = query.words[0] ?? '';
  const snippet = excerptAround(plain, first) ?? excerptAround(raw, first) ?? excerpt(plain, 0, 0);
  return { snippet, exact: false };
}

/**
 * Whether `matchIn` would match, without cutting a snippet: only the first matching message of a
 * conversation shows one, the others are only counted (cutting one was most of a search's time).
 */
function holdsQuery(markdown: string, query: SearchQuery): boolean {
  if (lacksAWord(markdown, query.words)) return false;
  const raw = oneLine(markdown);
  return (
    foldForSearch(plainText(markdown)).includes(query.phrase) ||
    foldForSearch(raw).includes(query.phrase) ||
    holdsWords(raw, query.words)
  );
}

/** A conversation's hit, and whether its first matching message holds the query as typed. */
export interface ConversationMatch {
  hit: SearchHit;
  exact: boolean;
}

/**
 * Full-text match of a conversation's title and messages, case- and diacritic-insensitive. A
 * conversation is one hit however often it matches (one row in the list): the first matching
 * message, with the number of messages that match.
 */
export function matchConversation(
  conversation: Conversation,
  query: SearchQuery,
): ConversationMatch | undefined {
  let first: ConversationMatch | undefined;
  let matches = 0;
  for (const message of conversation.messages) {
    if (first) {
      if (holdsQuery(message.text, query)) matches += 1;
      continue;
    }
    const match = matchIn(message.text, query);
    if (match === undefined) continue;
    matches += 1;
    first ??= {
      hit: {
        conversationId: conversation.id,
        title: conversation.title,
        messageId: message.id,
        excerpt: match.snippet,
      },
      exact: match.exact,
    };
  }
  if (first) return { ...first, hit: { ...first.hit, matches } };
  const title = matchIn(conversation.title, query);
  if (!title) return undefined;
  const hit = {
    conversationId: conversation.id,
    title: conversation.title,
    messageId: conversation.messages[0]?.id ?? '',
    excerpt: conversation.title,
    matches: 1,
  };
  return { hit, exact: title.exact };
}

/** The hit for one conversation, if it matches `query` (as typed by the user). */
export function searchConversation(conversation: Conversation, query: string): SearchHit[] {
  const parsed = parseQuery(query);
  const match = parsed && matchConversation(conversation, parsed);
  return match ? [match.hit] : [];
}
