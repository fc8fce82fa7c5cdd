// The parsing half of `excludeGlobs.ts`: a `files.exclude` glob becomes a few lists of path
// segments, each segment a list of tokens. No regular expression is built: the setting may come
// from an untrusted workspace, and a pattern such as `*a*a*a*a*b` turned into a RegExp backtracks
// exponentially on a long file name. The syntax is VS Code's (code.visualstudio.com/docs/editor/
// glob-patterns): `/` separates segments, `*` and `?` stay inside one, `**` spans any number of
// segments including none, `{a,b}` groups alternatives, `[...]` and `[!...]` are character classes
// (`[[]` and `[]]` match a literal bracket; a backslash escapes nothing).

/** Most alternatives one pattern's braces may expand to; a pattern past it is skipped. */
export const MAX_BRACE_EXPANSIONS = 64;

/**
 * Most characters a pattern may have, before and after its braces are expanded (all alternatives
 * together); a longer one is skipped. Matching one path costs at most this many steps per path
 * character, and real `files.exclude` entries are a few dozen characters.
 */
export const MAX_GLOB_CHARACTERS = 2048;

/** A character class: members are inclusive ranges, a lone character is a range of one. */
export interface CharClass {
  kind: 'class';
  negated: boolean;
  ranges: readonly (readonly [low: number, high: number])[];
}

export type Token = { kind: 'char'; code: number } | { kind: 'any' } | { kind: 'star' } | CharClass;

/** `**` as a whole segment, or the tokens one path segment must match. */
export type Segment = { kind: 'globstar' } | { kind: 'tokens'; tokens: readonly Token[] };

/** Why a pattern is skipped; never thrown past `parseGlob`. */
class InvalidGlob extends Error {}

/** The position of the `]` closing the class opened at `open`, or -1 when `[` is a literal. */
function classEnd(glob: string, open: number): number {
  let i = open + 1;
  if (glob[i] === '!' || glob[i] === '^') i += 1;
  if (glob[i] === ']') i += 1; // `[]]`: a `]` first in the class is a member
  const close = glob.indexOf(']', i);
  const slash = glob.indexOf('/', i);
  return slash !== -1 && slash < close ? -1 : close;
}

/** Where the `}` matching the `{` at `open` is, skipping classes; -1 when it is unclosed. */
function braceEnd(glob: string, open: number): number {
  let depth = 0;
  for (let i = open; i < glob.length; i++) {
    const char = glob[i];
    if (char === '[') i = Math.max(i, classEnd(glob, i));
    else if (char === '{') depth += 1;
    else if (char === '}' && --depth === 0) return i;
  }
  return -1;
}

/** The comma-separated alternatives of a brace body, split at its own level only. */
function alternatives(body: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < body.length; i++) {
    const char = body[i];
    if (char === '[') i = Math.max(i, classEnd(body, i));
    else if (char === '{') depth += 1;
    else if (char === '}') depth -= 1;
    else if (char === ',' && depth === 0) {
      parts.push(body.slice(start, i));
      start = i + 1;
    }
  }
  return [...parts, body.slice(start)];
}

/** The first `{` that has a matching `}` (an unclosed one is a literal), skipping classes. */
function firstGroup(glob: string): { open: number; close: number } | undefined {
  for (let i = 0; i < glob.length; i++) {
    if (glob[i] === '[') i = Math.max(i, classEnd(glob, i));
    else if (glob[i] === '{') {
      const close = braceEnd(glob, i);
      if (close !== -1) return { open: i, close };
    }
  }
  return undefined;
}

/**
 * Every brace-free pattern `glob` stands for, or undefined past `MAX_BRACE_EXPANSIONS`. The count
 * is checked as alternatives are produced, so `{a,b}{a,b}...` stops early instead of building
 * 2^n strings.
 */
export function expandBraces(glob: string): string[] | undefined {
  const done: string[] = [];
  const pending = [glob];
  while (pending.length > 0) {
    const next = pending.pop() ?? '';
    const group = firstGroup(next);
    if (group === undefined) done.push(next);
    else {
      const before = next.slice(0, group.open);
      const after = next.slice(group.close + 1);
      const body = next.slice(group.open + 1, group.close);
      for (const choice of alternatives(body).reverse()) pending.push(before + choice + after);
    }
    if (done.length + pending.length > MAX_BRACE_EXPANSIONS) return undefined;
  }
  return done;
}

const DASH = 0x2d;

/** The members of the class between `open` and `close` (exclusive), as code point ranges. */
function charClass(glob: string, open: number, close: number): CharClass {
  const negated = glob[open + 1] === '!' || glob[open + 1] === '^';
  const members = Array.from(
    glob.slice(open + (negated ? 2 : 1), close),
    (c) => c.codePointAt(0) ?? 0,
  );
  const ranges: [number, number][] = [];
  for (let i = 0; i < members.length; i++) {
    const low = members[i] ?? 0;
    const high = members[i + 1] === DASH ? members[i + 2] : undefined;
    if (high === undefined) ranges.push([low, low]);
    else {
      if (low > high) throw new InvalidGlob(`reversed range in ${glob}`);
      ranges.push([low, high]);
      i += 2;
    }
  }
  if (ranges.length === 0) throw new InvalidGlob(`empty class in ${glob}`);
  return { kind: 'class', negated, ranges };
}

/** The tokens of one segment (no `/` in it). */
function segmentTokens(segment: string): Token[] {
  const tokens: Token[] = [];
  for (let i = 0; i < segment.length; i++) {
    const char = segment[i];
    const close = char === '[' ? classEnd(segment, i) : -1;
    if (char === '*') tokens.push({ kind: 'star' });
    else if (char === '?') tokens.push({ kind: 'any' });
    else if (close !== -1) {
      tokens.push(charClass(segment, i, close));
      i = close;
    } else {
      const code = segment.codePointAt(i) ?? 0;
      tokens.push({ kind: 'char', code });
      if (code > 0xffff) i += 1; // the low surrogate is part of this character
    }
  }
  return tokens;
}

/**
 * The segments of one brace-free pattern. Empty segments (`out/`, `a//b`) are dropped and a run
 * of `**` counts once, as VS Code does; a leading `./` or `/` still means the workspace folder.
 */
function segments(glob: string): Segment[] {
  const parts = glob
    .replace(/^\.?\//, '')
    .split('/')
    .filter((part) => part !== '');
  const result: Segment[] = [];
  for (const part of parts) {
    const previous = result.at(-1);
    if (part !== '**') result.push({ kind: 'tokens', tokens: segmentTokens(part) });
    else if (previous?.kind !== 'globstar') result.push({ kind: 'globstar' });
  }
  return result;
}

/**
 * The segment lists a pattern matches with (one per brace alternative), or undefined for a
 * pattern that is skipped: too long, too many alternatives, a reversed range such as `[z-a]`, an
 * empty class, or nothing at all. VS Code's own matcher likewise matches nothing with an invalid glob.
 */
export function parseGlob(glob: string): Segment[][] | undefined {
  if (glob.length > MAX_GLOB_CHARACTERS) return undefined;
  const expanded = expandBraces(glob);
  if (expanded === undefined) return undefined;
  const expandedLength = expanded.reduce((sum, alternative) => sum + alternative.length, 0);
  if (expandedLength > MAX_GLOB_CHARACTERS) return undefined;
  try {
    const lists = expanded.map(segments);
    return lists.some((list) => list.length === 0) ? undefined : lists;
  } catch (error) {
    if (error instanceof InvalidGlob) return undefined;
    throw error;
  }
}
