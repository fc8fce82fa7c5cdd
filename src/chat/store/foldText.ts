// Search matches letters, not accents: Vietnamese is often typed without diacritics (`tieng viet`
// must find `tiếng Việt`), and đ is a letter of its own that Unicode does not decompose to d.

const COMBINING_MARKS = /\p{M}+/gu;

/**
 * `text` in lower case without diacritics: what both the index and the query are reduced to.
 * Lower case first: some capitals (İ) lower-case to a letter plus a mark, which then goes too.
 */
export function foldForSearch(text: string): string {
  // ASCII has no diacritics; and most text a search folds is ASCII.
  if (!NOT_ASCII.test(text)) return text.toLowerCase();
  return foldDiacritics(text);
}

function foldDiacritics(text: string): string {
  return text.toLowerCase().normalize('NFD').replace(COMBINING_MARKS, '').replace(/đ/g, 'd');
}

const NOT_ASCII = /[^\0-\x7f]/;

/** Folded text with, for each of its UTF-16 units, the offset in the original it came from. */
export interface FoldedText {
  text: string;
  origin: number[];
}

/**
 * Folds `text` keeping track of where each folded unit came from, so a match found in the folded
 * text is shown from the original (with its diacritics) in a snippet.
 */
export function foldWithOrigins(text: string): FoldedText {
  let folded = '';
  const origin: number[] = [];
  let at = 0;
  for (const character of text) {
    const piece = foldAlone(character);
    folded += piece;
    for (let i = 0; i < piece.length; i++) origin.push(at);
    at += character.length;
  }
  origin.push(at);
  return { text: folded, origin };
}

/** Snippets fold every character of the messages that match: each character is folded once. */
const foldedAlone = new Map<string, string>();

function foldAlone(character: string): string {
  let folded = foldedAlone.get(character);
  if (folded === undefined) {
    folded = foldForSearch(character);
    foldedAlone.set(character, folded);
  }
  return folded;
}
