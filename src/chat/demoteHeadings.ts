// An exported conversation gives each message a `##` heading ("## You", "## Ada"). A message's own
// headings must sit below that level, or an answer's "## Summary" would read as a new speaker.

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const ATX = /^( {0,3})(#{1,6})(?=[ \t]|$)/;
const SETEXT_UNDERLINE = /^ {0,3}(=+|-+)[ \t]*$/;
/** Lines that cannot be the text of a setext heading: list items, quotes, tables, code, fences. */
const NOT_PARAGRAPH = /^(?: {4}|\s*(?:[-*+>#|`~]|\d+[.)]))/;
const MAX_LEVEL = 6;

function isClosingFence(line: string, open: string): boolean {
  const close = FENCE.exec(line)?.[1];
  return (
    close !== undefined &&
    close[0] === open[0] &&
    close.length >= open.length &&
    line.trim() === close
  );
}

function heading(level: number, text: string): string {
  return `${'#'.repeat(Math.min(MAX_LEVEL, level))} ${text}`;
}

/**
 * Moves every heading of `markdown` down `by` levels (capped at `######`); setext headings
 * (a line underlined with `===` or `---`) become ATX headings at their demoted level. Text inside
 * fenced code is left alone.
 */
export function demoteHeadings(markdown: string, by: number): string {
  const out: string[] = [];
  let fence: string | undefined;
  for (const line of markdown.split('\n')) {
    if (fence !== undefined) {
      if (isClosingFence(line, fence)) fence = undefined;
      out.push(line);
      continue;
    }
    fence = FENCE.exec(line)?.[1];
    const atx = ATX.exec(line);
    const underline = SETEXT_UNDERLINE.exec(line)?.[1];
    const previous = out.at(-1);
    if (atx?.[2]) {
      out.push(
        `${'#'.repeat(Math.min(MAX_LEVEL, atx[2].length + by))}${line.slice(atx[0].length)}`,
      );
    } else if (underline && previous?.trim() && !NOT_PARAGRAPH.test(previous)) {
      out[out.length - 1] = heading((underline[0] === '=' ? 1 : 2) + by, previous.trim());
    } else {
      out.push(line);
    }
  }
  return out.join('\n');
}
