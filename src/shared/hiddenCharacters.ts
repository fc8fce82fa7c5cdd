// Characters that draw nothing, or change how the text around them is drawn, can make code or an
// address read differently from what it is: `"admin\u200B"` looks like "admin", U+202E reverses
// what follows, a run of variation selectors or tag characters smuggles data past the reader. Both
// the chat view (which reveals them) and the extension host (which checks links and code it is
// asked to copy) use this one definition.

/**
 * Format characters (Cf: zero-width space and joiners, bidi controls, word joiner, BOM, soft
 * hyphen, tags, ...), plus invisible characters of other categories: the combining grapheme
 * joiner, Khmer inherent vowels, Mongolian and standard variation selectors, Hangul fillers.
 */
// Each character of the class is meant on its own (a lone variation selector is the point).
const HIDDEN_RUN =
  // eslint-disable-next-line no-misleading-character-class
  /[\p{Cf}\u034F\u115F\u1160\u17B4\u17B5\u180B-\u180F\u3164\uFE00-\uFE0F\uFFA0\u{E0100}-\u{E01EF}]+/gu;

const TAG_CHARACTER = /^[\u{E0000}-\u{E007F}]+$/u;
// An alternation, not a class: Chromium 156 fails `[\p{…}\p{…}]$` on astral characters.
const EMOJI_BEFORE = /(?:\p{Extended_Pictographic}|\p{Emoji_Modifier})$/u;
const EMOJI_AFTER = /^\p{Extended_Pictographic}/u;
const KEYCAP_BASE = /[#*0-9]$/;
// Scripts whose spelling needs the zero-width (non-)joiner between letters, e.g. Persian words.
const JOINING_SCRIPT =
  /[\p{sc=Arabic}\p{sc=Syriac}\p{sc=Mongolian}\p{sc=Devanagari}\p{sc=Bengali}\p{sc=Gurmukhi}\p{sc=Gujarati}\p{sc=Oriya}\p{sc=Tamil}\p{sc=Telugu}\p{sc=Kannada}\p{sc=Malayalam}\p{sc=Sinhala}]/u;

/**
 * True for the few runs that are ordinary spelling, drawn as one visible glyph: a presentation
 * selector after an emoji (❤️), a joiner inside an emoji sequence (👨‍👩‍👧, 🏳️‍🌈), a keycap (1️⃣),
 * a joiner between letters of a script that needs it. Anything longer (a run of variation
 * selectors after an emoji hides bytes) is not.
 */
function isSpelling(run: string, before: string, after: string): boolean {
  if (run === '\uFE0F' || run === '\uFE0E') {
    return EMOJI_BEFORE.test(before) || (KEYCAP_BASE.test(before) && after.startsWith('\u20E3'));
  }
  if ((run === '\u200D' || run === '\uFE0F\u200D') && EMOJI_BEFORE.test(before)) {
    if (EMOJI_AFTER.test(after)) return true;
  }
  if (run === '\u200C' || run === '\u200D') {
    return JOINING_SCRIPT.test(before.slice(-1)) && JOINING_SCRIPT.test(after.slice(0, 1));
  }
  return false;
}

export interface HiddenRun {
  /** The hidden characters, consecutive in the text. */
  run: string;
  /** True when every character is a Unicode tag (U+E0000-E007F), which can spell ASCII text. */
  tags: boolean;
}

/**
 * Replaces every run of hidden characters (other than ordinary spelling) by `replace(run)`.
 * The context checked around a run is the original text, so results do not depend on the order.
 */
export function replaceHiddenCharacters(text: string, replace: (run: HiddenRun) => string): string {
  return text.replace(HIDDEN_RUN, (run: string, offset: number) => {
    const before = text.slice(Math.max(0, offset - 2), offset);
    const after = text.slice(offset + run.length, offset + run.length + 2);
    if (isSpelling(run, before, after)) return run;
    return replace({ run, tags: TAG_CHARACTER.test(run) });
  });
}

/** The hidden characters of `text` as `U+XXXX` labels, in order, each once. */
export function hiddenCharacters(text: string): string[] {
  const found = new Set<string>();
  replaceHiddenCharacters(text, ({ run }) => {
    for (const char of run) found.add(codePointLabel(char));
    return run;
  });
  return [...found];
}

export function codePointLabel(char: string): string {
  const hex = (char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0');
  return `U+${hex}`;
}
