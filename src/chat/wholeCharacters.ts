// A snippet is cut from a message by code units; what the reader sees is characters (grapheme
// clusters): a flag is two code points, a family emoji five joined by ZWJ, and "Việt" may be typed
// as e plus two combining marks. Cutting inside one shows half of it, or another letter.

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

const MARK = /^\p{M}/u;

/** Whether a code point attaches to the one before it: a mark, a joiner, a variation selector, a skin tone, a tag. */
function attachesToPrevious(codePoint: number): boolean {
  return (
    codePoint === 0x200d ||
    (codePoint >= 0xfe00 && codePoint <= 0xfe0f) ||
    (codePoint >= 0x1f3fb && codePoint <= 0x1f3ff) ||
    (codePoint >= 0xe0020 && codePoint <= 0xe007f) ||
    MARK.test(String.fromCodePoint(codePoint))
  );
}
/** How far around a cut the segmenter looks: longer than any cluster real text holds. */
const WINDOW = 32;

function isRegionalIndicator(codePoint: number | undefined): boolean {
  return codePoint !== undefined && codePoint >= 0x1f1e6 && codePoint <= 0x1f1ff;
}

/**
 * Whether `at` may fall inside a character. Most cuts fall between two plain letters, and are
 * answered without the segmenter, which costs far more than these checks.
 */
function mayCutCharacter(text: string, at: number): boolean {
  if (at <= 0 || at >= text.length) return false;
  const code = text.charCodeAt(at);
  if (code >= 0xdc00 && code <= 0xdfff) return true; // the second half of a surrogate pair
  if (text.charCodeAt(at - 1) === 0x200d) return true; // after a zero-width joiner
  const next = text.codePointAt(at);
  if (next !== undefined && attachesToPrevious(next)) return true;
  return isRegionalIndicator(next) && isRegionalIndicator(text.codePointAt(at - 2));
}

/** The character `at` falls inside, as `[start, end)`, or undefined when `at` is between two. */
function characterAround(text: string, at: number): [number, number] | undefined {
  if (!mayCutCharacter(text, at)) return undefined;
  const from = Math.max(0, at - WINDOW);
  for (const { index, segment } of graphemes.segment(text.slice(from, at + WINDOW))) {
    const start = from + index;
    const end = start + segment.length;
    if (start < at && at < end) return [start, end];
    if (start >= at) break;
  }
  return undefined;
}

/** `[start, end)` widened so that neither end falls inside a character the reader sees. */
export function wholeCharacters(text: string, start: number, end: number): [number, number] {
  return [characterAround(text, start)?.[0] ?? start, characterAround(text, end)?.[1] ?? end];
}
