// Search matches letters, not accents: Vietnamese is often typed without diacritics (`tieng viet`
// must find `tiếng Việt`), and đ is a letter of its own that Unicode does not decompose to d.

const COMBINING_MARKS = /\p{M}+/gu;

/**
 * `text` in lower case without diacritics: what both the index and the query are reduced to.
 * Lower case first: some capitals (İ) lower-case to a letter plus a mark, which then goes too.
 */
export function foldForSearch(text: string): string {
  // ASCII has no diacritics; and most text a search folds is ASCII.
  if (isAscii(text)) return text.toLowerCase();
  return foldDiacritics(text);
}

/**
 * What folding the whole text at once (lower case, NFD, marks dropped, đ as d) gives, one
 * character at a time: normalising whole messages was most of a first search's time, and even
 * Vietnamese text is mostly ASCII letters, which lower-casing alone folds. Lower case is taken of
 * the whole text first (some letters lower-case by context); decomposing a character and dropping
 * its marks does not depend on its neighbours, so the rest can be done per character and cached.
 */
function foldDiacritics(text: string): string {
  const lower = text.toLowerCase();
  let folded = '';
  let copied = 0;
  for (let at = 0; at < lower.length; at++) {
    if (lower.charCodeAt(at) < 0x80) continue;
    const end = isSurrogatePair(lower, at) ? at + 2 : at + 1;
    folded += lower.slice(copied, at) + foldLowerCase(lower.slice(at, end));
    at = end - 1;
    copied = end;
  }
  return folded + lower.slice(copied);
}

function isSurrogatePair(text: string, at: number): boolean {
  const high = text.charCodeAt(at);
  const low = text.charCodeAt(at + 1);
  return high >= 0xd800 && high <= 0xdbff && low >= 0xdc00 && low <= 0xdfff;
}

/**
 * Enough for the scripts one user writes in (Vietnamese needs about 200); answers in CJK could
 * bring tens of thousands of distinct characters, which are folded each time past this.
 */
const REMEMBERED_CHARACTERS = 8_192;

/** One character already in lower case, folded once and then remembered. */
const foldedLowerCase = new Map<string, string>();

function foldLowerCase(character: string): string {
  let folded = foldedLowerCase.get(character);
  if (folded === undefined) {
    folded = character.normalize('NFD').replace(COMBINING_MARKS, '').replace(/đ/g, 'd');
    if (foldedLowerCase.size < REMEMBERED_CHARACTERS) foldedLowerCase.set(character, folded);
  }
  return folded;
}

const NOT_ASCII = /[^\0-\x7f]/;

/** Text that folds to its lower case, unit for unit. */
export function isAscii(text: string): boolean {
  return !NOT_ASCII.test(text);
}

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
    // Bounded as foldedLowerCase is: snippets of CJK answers meet as many distinct characters.
    if (foldedAlone.size < REMEMBERED_CHARACTERS) foldedAlone.set(character, folded);
  }
  return folded;
}
