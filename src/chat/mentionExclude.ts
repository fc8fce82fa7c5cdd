import { expandBraces, MAX_GLOB_CHARACTERS } from './globParse';

// What the `#` list leaves out, as VS Code's Quick Open does: `files.exclude` and `search.exclude`.
// `findFiles` applies only `files.exclude` on its own, so `#index` in a JavaScript project listed
// 30 files from node_modules (search.exclude's default) and none of the project's. Kept apart
// from the search (webview/mentionSearch.ts) so it is tested in plain Node.

/** The patterns a setting turns on: `true` only (a `{ when }` entry has no glob equivalent). */
function enabled(setting: Record<string, unknown>): string[] {
  return Object.entries(setting)
    .filter(([, value]) => value === true)
    .map(([glob]) => glob);
}

/**
 * One glob for `findFiles`' exclude, or undefined when `search.exclude` turns nothing on: then
 * `findFiles` applies `files.exclude` itself, `when` entries included, which a glob we pass would
 * switch off. A glob can hold one level of braces, so each pattern's own braces are expanded first;
 * one that cannot be (too many alternatives, a comma in a class, too long) is left out: the list
 * then shows a file the user may not want, which is better than none.
 */
export function mentionExclude(
  filesExclude: Record<string, unknown>,
  searchExclude: Record<string, unknown>,
): string | undefined {
  const searched = enabled(searchExclude);
  if (searched.length === 0) return undefined;
  const patterns = new Set<string>();
  for (const glob of [...enabled(filesExclude), ...searched]) {
    if (glob.length > MAX_GLOB_CHARACTERS) continue;
    for (const alternative of expandBraces(glob) ?? []) {
      if (alternative && !alternative.includes(',')) patterns.add(alternative);
    }
  }
  return patterns.size === 0 ? undefined : `{${[...patterns].join(',')}}`;
}
