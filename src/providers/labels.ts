import { codePointLabel, replaceHiddenCharacters } from '../shared/hiddenCharacters';

// Names and descriptions come from the server (twins) or the user (bots) and end up in a picker,
// the status bar and conversation files. A hostile server can send megabytes in one name, so they
// are clipped here, visibly, before anything shows or stores them.

export const MAX_LABEL_CHARS = 120;
export const MAX_DESCRIPTION_CHARS = 300;

/** At most `max` characters, the last one an ellipsis when cut (no half surrogate pairs). */
export function clipText(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max - 1;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return `${text.slice(0, end)}…`;
}

/**
 * Hidden characters as ⟦U+202E⟧. The chat view reveals them itself, but VS Code's own places (a
 * quick pick, an editor tab's title, the status bar) draw them as they act: a right-to-left
 * override makes a name read backwards from there, a zero-width space makes two names look alike.
 */
function revealHidden(text: string): string {
  return replaceHiddenCharacters(text, ({ run }) =>
    [...run].map((char) => `⟦${codePointLabel(char)}⟧`).join(''),
  );
}

/**
 * A name or title as one line, clipped, its hidden characters shown: it stands in one-line places
 * (a picker row, a tab's title, a heading of an exported conversation), where a line break from
 * the server would start something else.
 */
export function clipLabel(text: string): string {
  return clipText(revealHidden(text.replace(/\s+/g, ' ').trim()), MAX_LABEL_CHARS);
}
