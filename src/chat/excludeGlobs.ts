// `files.exclude` for a dropped folder: what the Explorer hides (build output, caches) is not
// attached either. Plain Node, so it is tested without VS Code; VS Code's own glob matcher is not
// part of its API, and this covers the pattern forms settings use (`**`, `*`, `?`, `{a,b}`,
// `[abc]`), matched against the path relative to the workspace folder, with `/` separators.

/** True for a workspace-relative path (`/`-separated) that `files.exclude` hides. */
export type ExcludedPath = (relativePath: string) => boolean;

/** `[...]` with `!` for negation, as globs write it; a lone `[` is a literal. */
function characterClass(glob: string, start: number): { source: string; end: number } {
  const close = glob.indexOf(']', start + 1);
  if (close === -1) return { source: '\\[', end: start };
  const body = glob
    .slice(start + 1, close)
    .replace(/^!/, '^')
    .replace(/\\/g, '\\\\');
  return { source: `[${body}]`, end: close };
}

/** The regular expression source of `**` at `i`, taking a following `/` with it. */
function globstar(glob: string, i: number): { source: string; end: number } {
  const atSegmentStart = i === 0 || glob[i - 1] === '/';
  if (atSegmentStart && glob[i + 2] === '/') return { source: '(?:.*/)?', end: i + 2 };
  if (atSegmentStart && i + 2 === glob.length) return { source: '.*', end: i + 1 };
  return { source: '[^/]*', end: i + 1 }; // `a**b` is two stars within one segment
}

export function globSource(glob: string): string {
  let source = '';
  let braces = 0;
  for (let i = 0; i < glob.length; i++) {
    const char = glob.charAt(i);
    if (char === '*' && glob[i + 1] === '*') {
      const star = globstar(glob, i);
      source += star.source;
      i = star.end;
    } else if (char === '*') source += '[^/]*';
    else if (char === '?') source += '[^/]';
    else if (char === '[') {
      const range = characterClass(glob, i);
      source += range.source;
      i = range.end;
    } else if (char === '{') {
      braces += 1;
      source += '(?:';
    } else if (char === '}' && braces > 0) {
      braces -= 1;
      source += ')';
    } else if (char === ',' && braces > 0) source += '|';
    else source += char.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  return source + ')'.repeat(braces);
}

/**
 * The paths `files.exclude` hides. Only patterns set to `true` count: a `{ "when": ... }` entry
 * hides a file only beside a sibling (`*.js` next to its `*.ts`), which attaching does not need
 * to honour, and `false` switches a default off. A path inside an excluded folder is excluded.
 */
export function excludedBy(setting: Readonly<Record<string, unknown>>): ExcludedPath {
  const patterns = Object.entries(setting)
    .filter(([, value]) => value === true)
    .map(([glob]) => new RegExp(`^(?:${globSource(glob.replace(/^\.?\//, ''))})(?:/.*)?$`));
  return (relativePath) => patterns.some((pattern) => pattern.test(relativePath));
}
