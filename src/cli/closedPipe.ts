// `twin-chat send ... | head -1`: once the reader has what it wanted it closes the pipe, and the
// next write fails with EPIPE. Node reports that as an 'error' event on the stream; without a
// listener it becomes an uncaught exception, a stack trace on stderr and exit 1, which a script
// would take for an API or network error. Like cat, grep or git, the CLI then stops at once and
// quietly, with the status a process killed by SIGPIPE has (Node ignores the signal itself).

/** 128 + SIGPIPE (13), what the shell reports for `cat big | head -1`'s cat. */
export const EXIT_BROKEN_PIPE = 141;

/** Ends the process quietly when the reader of stdout or stderr has gone away. */
export function exitWhenReaderCloses(...streams: NodeJS.WriteStream[]): void {
  for (const stream of streams) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') process.exit(EXIT_BROKEN_PIPE);
      // Any other write failure is a real fault: keep Node's report of it.
      throw error;
    });
  }
}
