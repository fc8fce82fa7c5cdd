import { parseGlob, type Segment, type Token } from './globParse';

// `files.exclude` for a dropped folder: what the Explorer hides (build output, caches) is not
// attached either. Plain Node, so it is tested without VS Code; VS Code's own glob matcher is not
// part of its API. The setting may come from a cloned repository's `.vscode/settings.json` (the
// extension runs in untrusted workspaces), so matching must stay cheap whatever the pattern: no
// regular expression; path segments are matched against pattern segments by a table filled once
// per pair (`**` spans zero or more segments), and within a segment by the two-pointer wildcard
// walk. The work for one path is at most (path segments + 1) x (pattern segments + 1) cells, each
// at most (segment length + 1) x (pattern segment tokens + 1) steps: about pattern length x path
// length, and a pattern is at most `MAX_GLOB_CHARACTERS` long with its braces expanded.

/** True for a workspace-relative path (`/`-separated) that `files.exclude` hides. */
export type ExcludedPath = (relativePath: string) => boolean;

/** Counts the matcher's steps; a test gives it a limit to prove the work stays bounded. */
export class StepCounter {
  count = 0;
  constructor(private readonly limit = Infinity) {}

  step(): void {
    this.count += 1;
    if (this.count > this.limit)
      throw new Error(`glob matching took more than ${this.limit} steps`);
  }
}

export interface ExcludeOptions {
  /** VS Code matches globs case-insensitively on Windows and macOS, whose file systems are. */
  ignoreCase?: boolean;
  steps?: StepCounter;
  /** Told each pattern that is skipped, so the user can learn why it hid nothing. */
  onSkipped?: (glob: string) => void;
}

function inClass(token: Token & { kind: 'class' }, code: number): boolean {
  const member = token.ranges.some(([low, high]) => low <= code && code <= high);
  return member !== token.negated;
}

function matchesOne(token: Token, code: number): boolean {
  if (token.kind === 'char') return token.code === code;
  if (token.kind === 'class') return inClass(token, code);
  return token.kind === 'any';
}

/**
 * One segment against its tokens: on a mismatch, go back to the last `*` and let it take one
 * more character. Only the last star is retried, which is enough for `*` (it cannot span `/`),
 * so the walk is linear in the segment per star restart instead of exponential.
 */
function segmentMatches(
  tokens: readonly Token[],
  name: readonly number[],
  steps: StepCounter,
): boolean {
  let token = 0;
  let char = 0;
  let star = -1;
  let starChar = 0;
  while (char < name.length) {
    steps.step();
    const current = tokens[token];
    if (current?.kind === 'star') {
      star = token++;
      starChar = char;
    } else if (current !== undefined && matchesOne(current, name[char] ?? NaN)) {
      token += 1;
      char += 1;
    } else if (star === -1) return false;
    else {
      token = star + 1;
      char = ++starChar;
    }
  }
  while (tokens[token]?.kind === 'star') token += 1;
  return token === tokens.length;
}

/**
 * Whether the pattern matches the path or a folder holding it (a path inside an excluded folder
 * is excluded). `reached[p * width + s]`: the first `p` pattern segments match the first `s` path
 * segments.
 */
function pathMatches(
  pattern: readonly Segment[],
  path: readonly number[][],
  steps: StepCounter,
): boolean {
  const width = path.length + 1;
  const reached = new Uint8Array((pattern.length + 1) * width);
  reached[0] = 1;
  for (const [p, segment] of pattern.entries()) {
    const last = p + 1 === pattern.length;
    for (let s = 0; s < width; s++) {
      steps.step();
      if (reached[p * width + s] === 0) continue;
      const name = path[s];
      if (segment.kind === 'globstar') {
        if (last) return true; // a trailing `**` takes whatever is left
        reached[(p + 1) * width + s] = 1;
        if (name !== undefined) reached[p * width + s + 1] = 1;
      } else if (name !== undefined && segmentMatches(segment.tokens, name, steps)) {
        if (last) return true;
        reached[(p + 1) * width + s + 1] = 1;
      }
    }
  }
  return false;
}

function codePoints(segment: string): number[] {
  return Array.from(segment, (char) => char.codePointAt(0) ?? 0);
}

/**
 * The paths `files.exclude` hides. Only patterns set to `true` count: a `{ "when": ... }` entry
 * hides a file only beside a sibling (`*.js` next to its `*.ts`), which attaching does not need
 * to honour, and `false` switches a default off. A pattern that cannot be matched (see
 * `parseGlob`) is skipped, so one bad entry does not stop the others or the drop, and reported.
 */
export function excludedBy(
  setting: Readonly<Record<string, unknown>>,
  options: ExcludeOptions = {},
): ExcludedPath {
  const ignoreCase = options.ignoreCase ?? ['win32', 'darwin'].includes(process.platform);
  const fold = (text: string): string => (ignoreCase ? text.toLowerCase() : text);
  const steps = options.steps ?? new StepCounter();
  const patterns = Object.entries(setting)
    .filter(([, value]) => value === true)
    .flatMap(([glob]) => {
      const parsed = parseGlob(fold(glob));
      if (!parsed) options.onSkipped?.(glob);
      return parsed ?? [];
    });
  return (relativePath) => {
    const path = fold(relativePath).split('/').map(codePoints);
    return patterns.some((pattern) => pathMatches(pattern, path, steps));
  };
}
