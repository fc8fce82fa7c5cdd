/**
 * Whitespace that is not a single space: a run of two or more, or one tab, newline or other
 * space. Most messages are words between single spaces, which need no change: replacing only the
 * rest makes the same text as replacing every run (`/\s+/g`) at a third of the cost, and every
 * message of every conversation a search reads is put on one line.
 */
const NOT_ONE_SPACE = /\s{2,}|[^\S ]/g;

/** The text on one line: every run of whitespace as one space, none at either end. */
export function oneLine(text: string): string {
  return text.replace(NOT_ONE_SPACE, ' ').trim();
}

/**
 * A message as a reader of a one-line snippet sees it: fence lines, backticks, heading and quote
 * marks and bold markers are Markdown syntax, not words, so they are dropped from the snippet.
 * Not for matching: `__init__`, `**kwargs` or `# TODO` are what users search for and this loses.
 */
export function plainText(markdown: string): string {
  return oneLine(
    markdown
      .replace(/^[ \t]*(?:`{3,}|~{3,})[^\n]*$/gm, ' ')
      .replace(/^[ \t]*(?:#{1,6}|>+)[ \t]+/gm, '')
      .replace(/`+/g, '')
      .replace(/(\*\*|__)(?=\S)([\s\S]*?\S)\1/g, '$2'),
  );
}
