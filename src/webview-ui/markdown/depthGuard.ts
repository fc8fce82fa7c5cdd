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
// A fence may open inside a quote or on a list item's line ("> ```", "- ```") and then ends with
// that container as well as at its closing line: a fence wrongly thought still open would leave
// every line after it unguarded. An indented fence on a line of its own may be a list item's or a
// top-level one; only its closing line ends it, as before.
const MAX_MARKERS = 24;
const MAX_INDENT = 40;
const TAB_STOP = 4;
const MARKER = String.raw`[ \t]*(?:>|[-+*](?=[ \t])|\d{1,9}[.)](?=[ \t]))`;
const DEEP_LINE = new RegExp(`^(?:${MARKER}){${MAX_MARKERS + 1},}`);
const ALLOWED_PREFIX = new RegExp(`^(?:${MARKER}){${MAX_MARKERS}}[ \\t]*`);
/** A line's container markers with the whitespace around them. */
const CONTAINER_PREFIX = new RegExp(`^(?:${MARKER})+[ \\t]*`);
/** A fence's marks after any container markers; a backtick fence's info string has no backtick. */
const FENCE_OPENING = new RegExp(`^((?:${MARKER})*[ \\t]*)(\`{3,}(?=[^\`]*$)|~{3,})`);
const FENCE_CLOSING = /^[ \t]*(`{3,}|~{3,})[ \t]*$/;
const LIST_MARKER = /^[ \t]*(?:[-+*]|\d{1,9}[.)])[ \t]/;
/** One blockquote marker, with the space after it that belongs to the marker. */
const QUOTE_MARKER = /^[ \t]*>[ \t]?/;

interface OpenFence {
  marks: string;
  /** Blockquote markers before the fence: a line with fewer has left the quote. */
  quotes: number;
  /** Where the content of the list item opened on the fence's line starts, after the quotes. */
  indent: number;
  /** Where the marks start, after the quotes: a closing fence is indented at most 3 more. */
  column: number;
}

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

/** Splits off up to `limit` leading quote markers: how many there were, and the rest. */
function splitQuotes(line: string, limit = Infinity): { quotes: number; rest: string } {
  let quotes = 0;
  let rest = line;
  for (let marker = QUOTE_MARKER.exec(rest); marker && quotes < limit;) {
    quotes += 1;
    rest = rest.slice(marker[0].length);
    marker = QUOTE_MARKER.exec(rest);
  }
  return { quotes, rest };
}

function fenceOpenedBy(line: string): OpenFence | undefined {
  const match = FENCE_OPENING.exec(line);
  if (!match) return undefined;
  const [, lead = '', marks = ''] = match;
  const { quotes, rest } = splitQuotes(lead);
  const column = columns(rest);
  return { marks, quotes, column, indent: LIST_MARKER.test(rest) ? column : 0 };
}

/**
 * The line as content of the fence's container, or undefined when the line has left it: fewer
 * quote markers, or (not blank) indented less than the container's content. Lazy continuation
 * lines do not exist for code, so either ends the fence, as CommonMark reads it.
 */
function fenceContent(fence: OpenFence, line: string): string | undefined {
  const { quotes, rest } = splitQuotes(line, fence.quotes);
  if (quotes < fence.quotes) return undefined;
  if (rest.trim() === '') return rest;
  return leadingColumns(rest) >= fence.indent ? rest : undefined;
}

/** A closing fence: the same character, at least as long, indented at most 3 more than the opening. */
function closesFence(fence: OpenFence, content: string): boolean {
  const marks = FENCE_CLOSING.exec(content)?.[1];
  return (
    marks !== undefined &&
    marks[0] === fence.marks[0] &&
    marks.length >= fence.marks.length &&
    leadingColumns(content) <= fence.column + 3
  );
}

function leadingColumns(text: string): number {
  return columns(/^[ \t]*/.exec(text)?.[0] ?? '');
}

export function guardNesting(text: string): string {
  let fence: OpenFence | undefined;
  return text
    .split('\n')
    .map((line) => {
      const content = fence && fenceContent(fence, line);
      if (fence && content !== undefined) {
        if (closesFence(fence, content)) fence = undefined;
        return line;
      }
      const guarded = guardLine(line);
      // What markdown-it will read is the guarded line: an escaped marker opens no fence.
      fence = fenceOpenedBy(guarded);
      return guarded;
    })
    .join('\n');
}
