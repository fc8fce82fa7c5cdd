import type { SearchHit } from '../shared/protocol';
import type { Conversation } from './model';
import { foldWithOrigins, isAscii } from './store/foldText';
import { foldedMessages, foldLine, type FoldedMessage } from './store/foldedMessage';
import { oneLine } from './store/plainText';
import { holdsFoldedWords, parseQuery, type SearchQuery } from './store/searchQuery';
import { wholeCharacters } from './wholeCharacters';

const EXCERPT_RADIUS = 40;

function excerpt(text: string, at: number, length: number): string {
  const [start, end] = wholeCharacters(
    text,
    Math.max(0, at - EXCERPT_RADIUS),
    Math.min(text.length, at + length + EXCERPT_RADIUS),
  );
  return `${start > 0 ? '…' : ''}${text.slice(start, end)}${end < text.length ? '…' : ''}`;
}

/**
 * The snippet of `text` around the first place its folded form (`foldedText`, known already)
 * holds `needle` (folded), cut from the original so it keeps its diacritics; undefined if it does
 * not. Only a hit's first matching message is cut, so only it is folded again with its origins.
 */
function excerptAround(text: string, foldedText: string, needle: string): string | undefined {
  if (!foldedText.includes(needle)) return undefined;
  // `foldedText` is `text` folded, and ASCII folds to its lower case one unit for one: the match
  // stands where it does in the text. Most snippets are cut from such text, and folding with
  // origins went a character at a time.
  if (isAscii(text)) return excerpt(text, foldedText.indexOf(needle), needle.length);
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
function lacksAWord(folded: FoldedMessage, words: readonly string[]): boolean {
  return words.some((word) => !folded.bare.includes(word));
}

/**
 * Whether a message holds the query: as typed (a phrase) in its raw or its plain text (code terms
 * like `__init__` are found as typed, and a phrase that crosses emphasis is still found), or every
 * word of it in any order, the last one as a prefix (what the index matched). Only the first
 * matching message of a conversation shows a snippet, the others are only counted, so this
 * answers from the folded text (foldedMessage.ts) and looks at the plain text only as a last resort.
 */
function holdsQuery(folded: FoldedMessage, query: SearchQuery): boolean {
  if (lacksAWord(folded, query.words)) return false;
  return (
    folded.line.includes(query.phrase) ||
    holdsFoldedWords(folded.line, query) ||
    folded.plainFolded.includes(query.phrase)
  );
}

/** A message's snippet, and whether it holds the query as typed (a phrase) or only its words. */
interface MessageMatch {
  snippet: string;
  exact: boolean;
}

/**
 * The snippet of a message holding the query: around the query as typed if it is there, else
 * around its first word. It is plain text when that still holds the match, else the raw text
 * around it: a snippet must show what was searched for.
 */
function matchIn(
  markdown: string,
  folded: FoldedMessage,
  query: SearchQuery,
): MessageMatch | undefined {
  if (!holdsQuery(folded, query)) return undefined;
  // `line` is the raw text on one line, folded. The raw text is put on one line only when the
  // plain text lacks the match: a snippet is nearly always cut from the plain text.
  const { plain, plainFolded, line } = folded;
  const aroundRaw = (needle: string) =>
    line.includes(needle) ? excerptAround(oneLine(markdown), line, needle) : undefined;
  const phrase = excerptAround(plain, plainFolded, query.phrase) ?? aroundRaw(query.phrase);
  if (phrase !== undefined) return { snippet: phrase, exact: true };
  const first = query.words[0] ?? '';
  const snippet =
    excerptAround(plain, plainFolded, first) ?? aroundRaw(first) ?? excerpt(plain, 0, 0);
  return { snippet, exact: false };
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
  const folds = foldedMessages(conversation);
  for (const [i, message] of conversation.messages.entries()) {
    const folded = folds[i];
    if (!folded) continue;
    if (first) {
      if (holdsQuery(folded, query)) matches += 1;
      continue;
    }
    const match = matchIn(message.text, folded, query);
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
  const title = matchIn(conversation.title, foldLine(conversation.title), query);
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
