// The `#` list's search pattern, kept apart from the search (mentionSearch.ts) so it is tested in
// plain Node.

/** Longer queries name no file anyone types; they are cut rather than made into a huge glob. */
const MAX_QUERY_CHARS = 100;

/**
 * A glob matching paths whose file name contains `query`, ignoring case (`ab` becomes
 * `**∕*[aA][bB]*`). Characters with a meaning in globs are dropped: the query is a name, not a
 * pattern.
 */
export function mentionGlob(query: string): string {
  const letters = [...query.slice(0, MAX_QUERY_CHARS)].filter(
    (char) => !/[*?[\]{}!,/\\]/.test(char),
  );
  const pattern = letters
    .map((char) => {
      const lower = char.toLowerCase();
      const upper = char.toUpperCase();
      return lower === upper ? char : `[${lower}${upper}]`;
    })
    .join('');
  return `**/*${pattern}*`;
}
