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
}

export function wordsOf(text: string): string[] {
  return text.split(WORD_SEPARATORS).filter((word) => word !== '');
}

/** Undefined for a query with nothing to search for. */
export function parseQuery(query: string): SearchQuery | undefined {
  const phrase = foldForSearch(query.trim());
  if (!phrase) return undefined;
  return { phrase, words: wordsOf(phrase) };
}

/** Every word of the query, in any order; the last one may be the start of a word (still typing). */
export function holdsWords(text: string, words: readonly string[]): boolean {
  if (words.length === 0) return false;
  const present = new Set(wordsOf(foldForSearch(text)));
  const last = words.length - 1;
  return words.every((word, i) =>
    i === last ? [...present].some((p) => p.startsWith(word)) : present.has(word),
  );
}
