import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { runCli } from '../../../src/cli/run';
import { terminalSafe } from '../../../src/cli/terminalText';
import { DEMO_CREDENTIALS, startSimulator, type Simulator } from '../../simulator/server';

const OSC52 = '\x1b]52;c;aGVsbG8=\x07';
const HOSTILE = `A${OSC52}B\x1b[1A\x1b[2KC\x1b]8;;https://evil.example/\x1b\\link\x1b]8;;\x1b\\D\u009b2JE`;
const LEFTOVER_CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/; // eslint-disable-line no-control-regex

describe('twin-chat CLI: server text on a terminal', () => {
  describe('terminalSafe', () => {
    it('removes OSC 52, CSI and OSC 8 sequences whole, keeping the text around them', () => {
      assert.equal(terminalSafe(HOSTILE), 'ABClinkDE');
      assert.equal(terminalSafe(`x\x1b]52;c;aGk=\x1b\\y`), 'xy');
      assert.equal(terminalSafe('x\x1b]0;title'), 'x'); // unterminated: up to the chunk's end
      assert.equal(terminalSafe('reset\x1bc!'), 'reset!');
    });

    it('keeps line feeds, tabs, Vietnamese and emoji; drops every other control character', () => {
      assert.equal(terminalSafe('Xin chào 🤖\n\tcode\r\n'), 'Xin chào 🤖\n\tcode\n');
      let all = '';
      for (let code = 0; code <= 0x9f; code++) all += String.fromCharCode(code);
      let printable = '';
      for (let code = 0x20; code < 0x7f; code++) printable += String.fromCharCode(code);
      assert.equal(terminalSafe(all), `\t\n${printable}`);
    });
  });

  describe('wiring', () => {
    let sim: Simulator;
    const env = { TWINEXPERT_API_KEY: DEMO_CREDENTIALS.twinExpertApiKey };
    before(async () => {
      sim = await startSimulator({ port: 0, tokenDelayMs: 0 });
    });
    after(() => sim.stop());

    /** The simulator quotes the question in its answer, so the hostile text comes back from it. */
    const argv = (...extra: string[]) => [
      'send',
      '--twin',
      'twin-typescript',
      '--base-url',
      `${sim.url}/api/v1`,
      ...extra,
      HOSTILE,
    ];

    async function run(extra: string[], terminal: { stdout: boolean; stderr: boolean }) {
      let stdout = '';
      const io = { stdout: (t: string) => void (stdout += t), stderr: () => undefined };
      const code = await runCli({
        argv: argv(...extra),
        env,
        io,
        signal: AbortSignal.timeout(15_000),
        terminal,
      });
      return { code, stdout };
    }

    it('cleans answers on a terminal, passes them through to a pipe, and keeps --json exact', async () => {
      const onTerminal = await run([], { stdout: true, stderr: true });
      assert.equal(onTerminal.code, 0);
      assert.match(onTerminal.stdout, /> ABClinkDE/);
      assert.ok(!LEFTOVER_CONTROL.test(onTerminal.stdout.replace(/\n|\t/g, '')));

      const piped = await run([], { stdout: false, stderr: false });
      assert.ok(piped.stdout.includes(OSC52), 'a pipe gets the bytes the server sent');

      const json = await run(['--json'], { stdout: true, stderr: true });
      const text = json.stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as { type: string; text?: string })
        .filter((event) => event.type === 'delta')
        .map((event) => event.text)
        .join('');
      assert.ok(text.includes(HOSTILE), '--json keeps every character');
      assert.ok(json.stdout.includes('\u009b'), 'JSON.stringify leaves C1 characters as they are');
    });

    /** The real CLI process, with its stdout a pipe or (through util-linux `script`) a terminal. */
    function spawnCli(onTerminal: boolean): Promise<string> {
      const entry = path.resolve(__dirname, 'cliEntry.js');
      const vars = { NODE: process.execPath, ENTRY: entry, URL: `${sim.url}/api/v1`, MSG: HOSTILE };
      const childEnv = { ...process.env, ...env, ...vars };
      // script -c takes one shell command; the arguments travel in the environment, unquoted.
      const command = 'exec "$NODE" "$ENTRY" send --twin twin-typescript --base-url "$URL" "$MSG"';
      const child = onTerminal
        ? spawn('script', ['-qec', command, '/dev/null'], {
            env: childEnv,
            stdio: ['ignore', 'pipe', 'ignore'],
          })
        : spawn('sh', ['-c', command], { env: childEnv, stdio: ['ignore', 'pipe', 'ignore'] });
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
      return new Promise((resolve, reject) => {
        child.on('error', reject);
        child.on('exit', (code) =>
          code === 0 ? resolve(out) : reject(new Error(`exit ${String(code)}: ${out}`)),
        );
      });
    }

    it('the real process cleans its output when stdout is a terminal, and only then', async function () {
      this.timeout(20_000);
      assert.ok((await spawnCli(false)).includes(OSC52));
      const shown = await spawnCli(true);
      assert.match(shown, /> ABClinkDE/);
      assert.ok(!shown.includes('\x1b'), JSON.stringify(shown.slice(0, 400)));
    });
  });
});
