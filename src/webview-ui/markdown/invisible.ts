import {
  codePointLabel,
  replaceHiddenCharacters,
  type HiddenRun,
} from '../../shared/hiddenCharacters';
import { t } from '../strings';

// Bidi overrides can make text (and code the user may copy) read differently from what it is
// ("Trojan Source"), zero-width characters make `"admin\u200B"` look like "admin", and tag
// characters or variation selectors can smuggle invisible instructions. Rather than silently
// stripping them, they are made visible, so the reader learns something was hidden: each becomes
// ⟦U+200B⟧, and a run of tag characters becomes ⟦hidden text: …⟧ with the ASCII it encodes. What
// Copy and Insert take is the text as shown, marks included.

/** A revealed character, as revealInvisible writes it. */
const MARK = /⟦U\+[0-9A-F]{4,6}⟧/;

function decodeTags(run: string): string {
  let decoded = '';
  for (const char of run) {
    const ascii = (char.codePointAt(0) ?? 0) - 0xe0000;
    decoded += ascii >= 0x20 && ascii < 0x7f ? String.fromCharCode(ascii) : '?';
  }
  return `⟦${t('hiddenText', decoded)}⟧`;
}

function mark({ run, tags }: HiddenRun): string {
  if (tags) return decodeTags(run);
  return [...run].map((char) => `⟦${codePointLabel(char)}⟧`).join('');
}

/** Works character by character (no newlines added or removed), so line numbers are kept. */
export function revealInvisible(text: string): string {
  return replaceHiddenCharacters(text, mark);
}

/** True when `text` (already revealed) shows marks where hidden characters were. */
export function hasRevealedMarks(text: string): boolean {
  return MARK.test(text) || text.includes(`⟦${t('hiddenText', '')}`);
}
