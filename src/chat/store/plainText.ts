/**
 * A message as a reader of a one-line snippet sees it: fence lines, backticks, heading and quote
 * marks and bold markers are Markdown syntax, not words, so they are dropped from the snippet.
 * Not for matching: `__init__`, `**kwargs` or `# TODO` are what users search for and this loses.
 */
export function plainText(markdown: string): string {
  return markdown
    .replace(/^[ \t]*(?:`{3,}|~{3,})[^\n]*$/gm, ' ')
    .replace(/^[ \t]*(?:#{1,6}|>+)[ \t]+/gm, '')
    .replace(/`+/g, '')
    .replace(/(\*\*|__)(?=\S)([\s\S]*?\S)\1/g, '$2')
    .replace(/\s+/g, ' ')
    .trim();
}
