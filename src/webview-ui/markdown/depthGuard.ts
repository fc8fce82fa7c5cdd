// markdown-it silently drops the rest of a block once nesting passes its limit (maxNesting = 100),
// so an answer like ">>>>>…>>> text" would lose its text. A line may open at most MAX_MARKERS
// containers (blockquote or list markers) on the same line; the marker after that is escaped and
// shown literally instead. Line-local, so line numbers and streaming stability are kept.
const MAX_MARKERS = 24;
const MARKER = String.raw`[ \t]*(?:>|[-+*](?=[ \t])|\d{1,9}[.)](?=[ \t]))`;
const DEEP_LINE = new RegExp(`^(?:${MARKER}){${MAX_MARKERS + 1},}`, 'gm');
const ALLOWED_PREFIX = new RegExp(`^(?:${MARKER}){${MAX_MARKERS}}[ \\t]*`);

function escapeNextMarker(prefix: string): string {
  const kept = ALLOWED_PREFIX.exec(prefix)?.[0] ?? '';
  const rest = prefix.slice(kept.length);
  // Escape the punctuation: "\>", "\-", or "12\." for an ordered-list marker.
  return kept + rest.replace(/^(\d*)/, '$1\\');
}

export function guardNesting(text: string): string {
  return text.replace(DEEP_LINE, escapeNextMarker);
}
