import { t } from '../strings';

// Bidirectional overrides can make text (and code the user may copy) read differently from what it
// is ("Trojan Source"), and Unicode tag characters can smuggle invisible instructions. Rather than
// silently stripping them, they are made visible, so the reader learns something was hidden:
// bidi controls become ⟦U+202E⟧ and a run of tag characters becomes ⟦hidden text: …⟧ with the
// ASCII they encode.
const BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;
const TAG_RUN = /[\u{E0000}-\u{E007F}]+/gu;

function codePointLabel(char: string): string {
  const hex = (char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0');
  return `⟦U+${hex}⟧`;
}

function decodeTags(run: string): string {
  let decoded = '';
  for (const char of run) {
    const ascii = (char.codePointAt(0) ?? 0) - 0xe0000;
    decoded += ascii >= 0x20 && ascii < 0x7f ? String.fromCharCode(ascii) : '?';
  }
  return `⟦${t('hiddenText', decoded)}⟧`;
}

/** Works character by character (no newlines added or removed), so line numbers are kept. */
export function revealInvisible(text: string): string {
  return text.replace(BIDI_CONTROLS, codePointLabel).replace(TAG_RUN, decodeTags);
}
