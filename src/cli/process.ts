// Binds runCli to the real process: argv, environment, stdout/stderr and Ctrl-C. The first Ctrl-C
// cancels the request cleanly (the socket is closed, exit status 130); a second one exits at once.
// A reader that closes the pipe early (`| head`) ends the CLI quietly (closedPipe.ts).
import { exitWhenReaderCloses } from './closedPipe';
import { EXIT_INTERRUPTED, runCli } from './run';

export async function runProcess(): Promise<void> {
  const controller = new AbortController();
  const onSigint = (): void => {
    if (controller.signal.aborted) process.exit(EXIT_INTERRUPTED);
    controller.abort();
  };
  process.on('SIGINT', onSigint);
  exitWhenReaderCloses(process.stdout, process.stderr);
  try {
    const code = await runCli({
      argv: process.argv.slice(2),
      env: process.env,
      io: {
        stdout: (text) => void process.stdout.write(text),
        stderr: (text) => void process.stderr.write(text),
      },
      signal: controller.signal,
      terminal: { stdout: process.stdout.isTTY === true, stderr: process.stderr.isTTY === true },
    });
    process.exitCode = controller.signal.aborted ? EXIT_INTERRUPTED : code;
  } catch (error) {
    process.stderr.write(
      `twin-chat: unexpected error: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exitCode = 1;
  } finally {
    process.off('SIGINT', onSigint);
  }
}
