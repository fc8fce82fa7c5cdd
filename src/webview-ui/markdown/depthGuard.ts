// markdown-it silently drops the rest of a block once nesting passes its limit (maxNesting = 100),
// so an answer like ">>>>>…>>> text" would lose its text, and a hostile one could hide what
// follows it from the reader while Copy still takes it. Nesting comes two ways, and both are
// bounded outside code fences:
// - markers on one line: a line may open at most MAX_MARKERS containers (blockquote or list
//   markers); the marker after that is escaped and shown literally instead;
// - indentation across lines: each list level needs its marker indented past its parent's, so a
//   list 60 levels deep is a staircase of lines. The whitespace before and between a line's
//   markers is cut to MAX_INDENT columns, which keeps such lines at about 20 levels.
// Together they stay well under the limit. Lines are neither added nor removed, so line numbers
// are kept; the text given always starts at a block boundary (a frozen block or the streaming
// tail), so a fence is known from the text itself and streaming renders what rendering once does.
const MAX_MARKERS = 24;
const MAX_INDENT = 40;
const TAB_STOP = 4;
const MARKER = String.raw`[ \t]*(?:>|[-+*](?=[ \t])|\d{1,9}[.)](?=[ \t]))`;
const DEEP_LINE = new RegExp(`^(?:${MARKER}){${MAX_MARKERS + 1},}`);
const ALLOWED_PREFIX = new RegExp(`^(?:${MARKER}){${MAX_MARKERS}}[ \\t]*`);
/** A line's container markers with the whitespace around them. */
const CONTAINER_PREFIX = new RegExp(`^(?:${MARKER})+[ \\t]*`);
const FENCE = /^[ \t]*(`{3,}|~{3,})/;

function escapeNextMarker(prefix: string): string {
  const kept = ALLOWED_PREFIX.exec(prefix)?.[0] ?? '';
  const rest = prefix.slice(kept.length);
  // Escape the punctuation: "\>", "\-", or "12\." for an ordered-list marker.
  return kept + rest.replace(/^(\d*)/, '$1\\');
}

function columns(whitespace: string): number {
  let width = 0;
  for (const char of whitespace)
    width = char === '\t' ? width + TAB_STOP - (width % TAB_STOP) : width + 1;
  return width;
}

function clampIndent(prefix: string): string {
  return prefix.replace(/[ \t]+/g, (run) =>
    columns(run) > MAX_INDENT ? ' '.repeat(MAX_INDENT) : run,
  );
}

function guardLine(line: string): string {
  const prefix = CONTAINER_PREFIX.exec(line)?.[0];
  if (prefix === undefined) return line;
  return clampIndent(prefix).replace(DEEP_LINE, escapeNextMarker) + line.slice(prefix.length);
}

export function guardNesting(text: string): string {
  let fence: string | undefined;
  return text
    .split('\n')
    .map((line) => {
      const marks = FENCE.exec(line)?.[1];
      if (fence !== undefined) {
        if (marks !== undefined && marks[0] === fence[0] && marks.length >= fence.length)
          fence = undefined;
        return line;
      }
      if (marks !== undefined) {
        fence = marks;
        return line;
      }
      return guardLine(line);
    })
    .join('\n');
}
