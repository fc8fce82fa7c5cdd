import type { Token } from 'markdown-it';

// Splitting markdown at top-level block boundaries, found by markdown-it's own block parser rather
// than by guessing at blank lines: a top-level block that is followed by another one can no longer
// change when text is appended (CommonMark closes blocks for good), so it can be rendered once and
// kept. Only link reference definitions reach backwards; StreamingMarkdown handles those.

/** Token index ranges [start, end) of each top-level block. */
export function topLevelGroups(tokens: Token[]): [number, number][] {
  const starts: number[] = [];
  tokens.forEach((token, index) => {
    if (token.level === 0 && token.nesting !== -1) starts.push(index);
  });
  return starts.map((start, i) => [start, starts[i + 1] ?? tokens.length]);
}

/** First source line of the group, as markdown-it numbered it. */
export function groupStartLine(tokens: Token[], group: [number, number]): number {
  return tokens[group[0]]?.map?.[0] ?? 0;
}

/**
 * Offset in `text` of the start of line `line`, counting line breaks the way markdown-it's
 * normaliser does (\r\n, \r or \n), so it maps parser line numbers back onto the raw stream.
 */
export function offsetOfLine(text: string, line: number): number {
  const breaks = /\r\n?|\n/g;
  let offset = 0;
  for (let i = 0; i < line; i++) {
    const match = breaks.exec(text);
    if (!match) return text.length;
    offset = match.index + match[0].length;
  }
  return offset;
}

/** Digits alone: the start of an ordered list's next item ("2" of "2. Next"). */
const ITEM_NUMBER = /[ \t]*\d{1,9}$/y;

/**
 * True while the line at `lineStart`, which opens the last block, may still turn out to continue
 * the block before it: it has not ended, and either follows that block directly, which a lazy
 * line may join ("#" may become "#hashtag", "***" become "***bold***"), or may become the next
 * item of a list above a blank line ("2" then "2. Next"). After a blank line nothing else can.
 */
export function mayJoinPreviousBlock(text: string, lineStart: number): boolean {
  if (text.indexOf('\n', lineStart) !== -1 || text.indexOf('\r', lineStart) !== -1) return false;
  ITEM_NUMBER.lastIndex = lineStart;
  if (ITEM_NUMBER.test(text)) return true;
  const previousEnd = text.endsWith('\r\n', lineStart) ? lineStart - 2 : lineStart - 1;
  const previousStart =
    Math.max(text.lastIndexOf('\n', previousEnd - 1), text.lastIndexOf('\r', previousEnd - 1)) + 1;
  return text.slice(previousStart, Math.max(previousStart, previousEnd)).trim() !== '';
}

/**
 * True when the line just before the last group belongs to no group: a link reference definition
 * (markdown-it makes no token for one), whose title may still run on over the lines the last group
 * holds for now ('[d]: https://…' then '"The' of a title that ends on a later line).
 */
export function followsDefinition(
  text: string,
  tokens: Token[],
  groups: [number, number][],
): boolean {
  const previous = groups[groups.length - 2];
  const last = groups[groups.length - 1];
  if (!previous || !last) return false;
  const previousEnd = tokens[previous[0]]?.map?.[1] ?? 0;
  const lastStart = groupStartLine(tokens, last);
  if (previousEnd >= lastStart) return false;
  return text.slice(offsetOfLine(text, lastStart - 1), offsetOfLine(text, lastStart)).trim() !== '';
}
