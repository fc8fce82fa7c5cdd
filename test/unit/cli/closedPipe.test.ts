import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { eventually } from '../../harness/eventually';
import { DEMO_CREDENTIALS, startSimulator, type Simulator } from '../../simulator/server';

// `twin-chat send ... | head -1`: the reader of stdout goes away while the answer still streams.
// A script's CLI must end quietly then (as cat, grep or git do), not print a Node stack trace
// about an unhandled 'error' event on stderr and exit with the crash status.

describe('twin-chat CLI: stdout closed by the reader (| head)', () => {
  let sim: Simulator;
  before(async () => {
    sim = await startSimulator({ port: 0, tokenDelayMs: 5 });
  });
  after(() => sim.stop());

  it('ends quietly, without an unhandled EPIPE stack trace', async function () {
    this.timeout(20_000);
    const entry = path.resolve(__dirname, 'cliEntry.js');
    const child = spawn(
      process.execPath,
      [entry, 'send', '--twin', 'twin-typescript', '--base-url', `${sim.url}/api/v1`, 'hello'],
      {
        env: { ...process.env, TWINEXPERT_API_KEY: DEMO_CREDENTIALS.twinExpertApiKey },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stderr = '';
    let code: number | null | undefined;
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('exit', (exitCode) => (code = exitCode));
    try {
      // `head -c 1`: read the first bytes of the answer, then close the pipe.
      await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
      child.stdout.destroy();
      await eventually(() => code !== undefined, 'the CLI to exit');
    } finally {
      child.kill('SIGKILL');
    }
    assert.doesNotMatch(stderr, /Unhandled 'error' event|EPIPE|node:events/, stderr);
    assert.notEqual(code, 1, 'a closed pipe is not an API or network error (exit 1)');
  });
});
