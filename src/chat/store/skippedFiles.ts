/** Why a file of the store was skipped: its text is not what it should be, or it cannot be read. */
export type SkippedFileKind = 'damaged' | 'unreadable';
export type SkippedFileReporter = (file: string, detail: string, kind: SkippedFileKind) => void;

/** The system's error code (ENOENT, EACCES…) of a failed file operation; none for other errors. */
function errorCode(error: unknown): string | undefined {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}

/**
 * The store's files it had to skip, told to the log once each: the store reads the files its
 * index lacks at every write of the index, and one bad file must not add a log line per save.
 */
export class SkippedFiles {
  private readonly reported = new Set<string>();

  constructor(private readonly reporter: SkippedFileReporter) {}

  /**
   * `error` came from reading `file` or from parsing its text. A file gone is ordinary (deleted,
   * here or in another window) and not told; any other read failure (no permission, a disk error)
   * hides a conversation the user has, so the log says why.
   */
  report(file: string, error: unknown): void {
    const code = errorCode(error);
    if (code === 'ENOENT') return;
    const kind: SkippedFileKind = code ? 'unreadable' : 'damaged';
    const detail = error instanceof Error ? error.message : String(error);
    const key = `${kind}\n${file}\n${detail}`;
    if (this.reported.has(key)) return;
    this.reported.add(key);
    this.reporter(file, detail, kind);
  }
}
