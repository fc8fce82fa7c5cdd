import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

// What the chat page names when files are dropped on it or mentioned with `#`. The page renders
// model output and must be assumed compromised, so a URI it sends is a request, not a fact: only
// `file:` URIs are taken (and, in a remote window, `vscode-remote:` ones, see `localPath`), and
// only when the file, with every symbolic link on the way resolved, is inside a workspace folder.
// A folder is listed here without following links out of it.

/** Most URIs one drop may name; a longer list is cut, and told (a person drops a handful). */
export const MAX_DROPPED_URIS = 200;

export type DropRefusal = 'scheme' | 'outside' | 'symlinkOut' | 'missing' | 'notFile';

export type CheckedUri =
  | { ok: true; path: string; name: string; folder: boolean }
  | { ok: false; name: string; reason: DropRefusal };

export interface DroppedUris {
  /** The first `MAX_DROPPED_URIS` URIs, the ones looked at. */
  uris: string[];
  /** How many more the list named, left out. */
  beyondLimit: number;
}

/** The URIs of a text/uri-list: one a line, `#` lines are comments (RFC 2483). */
export function parseUriList(text: string): DroppedUris {
  const all = text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
  const uris = all.slice(0, MAX_DROPPED_URIS);
  return { uris, beyondLimit: all.length - uris.length };
}

/** Whether `child` is `parent` or below it; `..notes.txt` is a name, not a step up. */
export function isInside(child: string, parent: string): boolean {
  const relative = path.relative(parent, child);
  const upward = relative === '..' || relative.startsWith(`..${path.sep}`);
  return !upward && !path.isAbsolute(relative);
}

/** The workspace folders as they really are on disk (a folder opened through a link included). */
export async function realRoots(roots: readonly string[]): Promise<string[]> {
  const real = await Promise.all(roots.map((root) => fs.realpath(root).catch(() => undefined)));
  return real.filter((root): root is string => root !== undefined);
}

export interface DropHost {
  /**
   * The extension runs on the remote side of a remote window (SSH, WSL, a container,
   * code-server). The workbench then names this machine's files `vscode-remote://<authority>/<path>`
   * (an Explorer drag carries exactly that), and `<path>` is a path here. The authority cannot be
   * checked from this side; it need not be, as the path must still lie inside a workspace folder.
   */
  remote: boolean;
}

/** The local path a URI names, or undefined for any other scheme or a file on another host. */
function localPath(raw: string, host: DropHost): string | undefined {
  try {
    const url = new URL(raw);
    if (url.protocol === 'file:' && url.host === '') return fileURLToPath(url);
    if (!host.remote || url.protocol !== 'vscode-remote:') return undefined;
    const local = new URL('file:///');
    local.pathname = url.pathname;
    return fileURLToPath(local);
  } catch {
    return undefined;
  }
}

function nameOf(raw: string): string {
  const last = raw.split(/[\\/]/).filter(Boolean).at(-1) ?? raw;
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}

/**
 * Checks one URI against the (real) workspace roots. `symlinkOut` is a path inside a folder whose
 * links lead outside, told apart from a path that is outside to begin with.
 */
export async function checkDroppedUri(
  raw: string,
  roots: readonly string[],
  host: DropHost = { remote: false },
): Promise<CheckedUri> {
  const name = nameOf(raw);
  const named = localPath(raw, host);
  if (named === undefined) return { ok: false, name, reason: 'scheme' };
  const real = await fs.realpath(named).catch(() => undefined);
  if (real === undefined) return { ok: false, name, reason: 'missing' };
  if (!roots.some((root) => isInside(real, root))) {
    const lexicallyInside = roots.some((root) => isInside(path.resolve(named), root));
    return { ok: false, name, reason: lexicallyInside ? 'symlinkOut' : 'outside' };
  }
  const info = await fs.stat(real);
  if (!info.isFile() && !info.isDirectory()) return { ok: false, name, reason: 'notFile' };
  return { ok: true, path: real, name: path.basename(real), folder: info.isDirectory() };
}

/** Folders a person does not mean to attach when they drop the project (and that are huge). */
const SKIPPED_FOLDERS = new Set(['.git', 'node_modules', '.hg', '.svn']);

export interface FolderListing {
  files: string[];
  /** More files than `limit`: the listing stopped there. */
  truncated: boolean;
  /** Links that lead out of the workspace (or to a folder), left out. */
  skippedLinks: number;
  /** Entries `excluded` names, left out (a hidden folder counts once: it is not visited). */
  skippedExcluded: number;
}

/**
 * The files under a dropped folder, breadth first, at most `limit` (one more is looked for, to
 * know the folder has more). A link is taken only when it leads to a file inside the workspace;
 * links to folders are never descended, so a loop of links cannot keep the walk going. What
 * `excluded` names (`files.exclude`: hidden in the Explorer too) is left out before counting.
 */
export async function listFolder(
  folder: string,
  roots: readonly string[],
  limit: number,
  excluded: (file: string) => boolean = () => false,
): Promise<FolderListing> {
  const listing: FolderListing = {
    files: [],
    truncated: false,
    skippedLinks: 0,
    skippedExcluded: 0,
  };
  const queue = [folder];
  for (let dir = queue.shift(); dir !== undefined; dir = queue.shift()) {
    const entries = await fs.readdir(dir, { withFileTypes: true }).catch(() => []);
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, entry.name);
      if (excluded(full)) {
        listing.skippedExcluded++;
        continue;
      }
      if (entry.isDirectory() && !SKIPPED_FOLDERS.has(entry.name)) queue.push(full);
      else if (entry.isFile()) listing.files.push(full);
      else if (entry.isSymbolicLink()) await addLink(full, roots, listing);
      if (listing.files.length > limit) {
        listing.files.length = limit;
        listing.truncated = true;
        return listing;
      }
    }
  }
  return listing;
}

async function addLink(link: string, roots: readonly string[], listing: FolderListing) {
  const checked = await checkDroppedUri(pathToFileURL(link).href, roots);
  if (checked.ok && !checked.folder) listing.files.push(checked.path);
  else listing.skippedLinks++;
}
