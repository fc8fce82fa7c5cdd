// What a drop on the chat carries, in the forms VS Code and browsers use. The page never reads a
// dropped file: it names the files to the host, which checks and reads them (or refuses).

/** The part of DataTransfer this needs, so tests and callers can hand in any source of it. */
export interface DropData {
  readonly types: readonly string[];
  getData(format: string): string;
}

export type DropPlan =
  | { kind: 'uris'; uris: string[] }
  /** Only `Files` (the OS file manager): the page sees no paths, so nothing can be named. */
  | { kind: 'osFiles' }
  | { kind: 'nothing' };

/** VS Code's own drag form: a JSON array of URI strings (Explorer items, editor tabs). */
function resourceUrls(data: DropData): string[] {
  if (!data.types.includes('resourceurls')) return [];
  try {
    const parsed: unknown = JSON.parse(data.getData('resourceurls'));
    return Array.isArray(parsed) ? parsed.filter((u): u is string => typeof u === 'string') : [];
  } catch {
    return [];
  }
}

/** RFC 2483: one URI a line, `#` lines are comments. */
function uriList(data: DropData): string[] {
  if (!data.types.includes('text/uri-list')) return [];
  return data
    .getData('text/uri-list')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}

export function planDrop(data: DropData): DropPlan {
  const uris = [...new Set([...resourceUrls(data), ...uriList(data)])];
  if (uris.length > 0) return { kind: 'uris', uris };
  if (data.types.includes('Files')) return { kind: 'osFiles' };
  return { kind: 'nothing' };
}
