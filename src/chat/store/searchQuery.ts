import { foldForSearch } from './foldText';

/**
 * Words as the index and the snippet matcher both split them: at spaces, punctuation and symbols.
 * Symbols too (MiniSearch's default splits at punctuation only): Markdown's backtick is a symbol,
 * and `npm test` must hold the words npm and test.
 */
const WORD_SEPARATORS = /[\n\r\p{Z}\p{P}\p{S}]+/u;

/** A query as typed, folded (see foldText.ts): the whole phrase and its words in order. */
export interface SearchQuery {
  phrase: string;
  words: string[];
  /** Per word, where it stands whole in folded text; the last one where a word starts with it. */
  wordPatterns: RegExp[];
}

const NOT_SEPARATOR = '[^\\n\\r\\p{Z}\\p{P}\\p{S}]';

export function wordsOf(text: string): string[] {
  return text.split(WORD_SEPARATORS).filter((word) => word !== '');
}

/** Undefined for a query with nothing to search for. */
export function parseQuery(query: string): SearchQuery | undefined {
  const phrase = foldForSearch(query.trim());
  if (!phrase) return undefined;
  const words = wordsOf(phrase);
  return {
    phrase,
    words,
    wordPatterns: words.map((word, i) => wordPattern(word, i === words.length - 1)),
  };
}

/**
 * Where `word` stands whole in text (not inside a longer word), or, for the last word of a query
 * (still being typed), where a word starts with it. A word holds no separators, so the patterns
 * find what splitting the text into words would, without building its list of words.
 */
function wordPattern(word: string, prefix: boolean): RegExp {
  const escaped = word.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
  const end = prefix ? '' : `(?!${NOT_SEPARATOR})`;
  return new RegExp(`(?<!${NOT_SEPARATOR})${escaped}${end}`, 'u');
}

/**
 * Every word of the query, in any order, the last one maybe the start of a word (still typing), in
 * text already folded (foldedMessage.ts).
 */
export function holdsFoldedWords(folded: string, query: SearchQuery): boolean {
  return query.words.length > 0 && query.wordPatterns.every((pattern) => pattern.test(folded));
}
