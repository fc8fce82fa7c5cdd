import * as path from 'node:path';

// Where the save dialog of an export starts. Not the workspace: under `npm start` that is a
// temporary folder deleted on Ctrl-C, and a transcript saved there is lost with it.

const MAX_NAME_LENGTH = 60;

/** A file name from the title, with only letters, digits, spaces, `_` and `-`. */
export function exportFileName(title: string): string {
  const base =
    title
      .replace(/[^\p{L}\p{N} _-]+/gu, '')
      .trim()
      .slice(0, MAX_NAME_LENGTH)
      .trim() || 'conversation';
  return `${base}.md`;
}

/** The folder the user last exported to, else their home folder. */
export function defaultExportPath(
  title: string,
  lastFolder: string | undefined,
  home: string,
): string {
  return path.join(lastFolder ?? home, exportFileName(title));
}
