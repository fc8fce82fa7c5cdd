import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../../../src/cli/run';
import { eventually } from '../../harness/eventually';
import { DEMO_CREDENTIALS, startSimulator, type Simulator } from '../../simulator/server';

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

describe('twin-chat CLI', () => {
  let sim: Simulator;
  const env = {
    TWINEXPERT_API_KEY: DEMO_CREDENTIALS.twinExpertApiKey,
    KAMIMIND_TOKEN: DEMO_CREDENTIALS.kamiMindToken,
  };

  let onRequestEnd: ((line: string) => void) | undefined;

  before(async () => {
    sim = await startSimulator({ port: 0, tokenDelayMs: 0, log: (line) => onRequestEnd?.(line) });
  });
  after(() => sim.stop());
  beforeEach(() => sim.reset());

  const te = () => ['--base-url', `${sim.url}/api/v1`];
  const km = () => ['--base-url', sim.url];

  async function run(
    argv: string[],
    environment: NodeJS.ProcessEnv = env,
    signal = new AbortController().signal,
  ): Promise<Result> {
    let stdout = '';
    let stderr = '';
    const io = {
      stdout: (t: string) => void (stdout += t),
      stderr: (t: string) => void (stderr += t),
    };
    const code = await runCli({ argv, env: environment, io, signal });
    return { code, stdout, stderr };
  }

  it('--help prints usage and exits 0', async () => {
    const result = await run(['--help']);
    assert.equal(result.code, 0);
    assert.match(result.stdout, /twin-chat send --bot <name>/);
  });

  for (const argv of [
    ['frobnicate'],
    ['send', '--twin', 'x'],
    ['send', 'hello'],
    ['twins', '--nope'],
    ['send', '--twin', 'a', '--bot', 'b', 'hi'],
    ['history', '--bot', 'b'],
    ['twins', '--timeout', 'soon'],
  ]) {
    it(`usage error for "${argv.join(' ')}" exits 2`, async () => {
      const result = await run(argv);
      assert.equal(result.code, 2);
      assert.match(result.stderr, /twin-chat --help|needs|Use either|must be/);
      assert.equal(sim.requests.length, 0);
    });
  }

  it('twins lists every twin, tab-separated or as JSON lines', async () => {
    const text = await run(['twins', ...te()]);
    assert.equal(text.code, 0);
    assert.match(text.stdout.split('\n')[0] ?? '', /^twin-typescript\tChuyên gia TypeScript\t/);
    const json = await run(['twins', '--json', ...te()]);
    const lines = json.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { id: string });
    assert.equal(lines.length, 5);
  });

  it('send --twin streams the answer to stdout and the conversation id to stderr', async () => {
    const first = await run(['send', '--twin', 'twin-typescript', ...te(), 'Xin', 'chào']);
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, /> Xin chào/);
    const id = /^Conversation: (\S+)$/m.exec(first.stderr)?.[1];
    assert.ok(id);
    const second = await run([
      'send',
      '--twin',
      'twin-typescript',
      '--conversation',
      id,
      '--no-stream',
      ...te(),
      'tiếp',
    ]);
    assert.equal(second.code, 0, second.stderr);
    assert.match(second.stdout, /lượt 2/);
    assert.ok(sim.requests.some((r) => r.path === `/api/v1/conversations/${id}/messages`));
  });

  it('send --json prints one JSON event per line', async () => {
    const result = await run(['send', '--twin', 'twin-typescript', '--json', ...te(), 'hi']);
    const types = result.stdout
      .trim()
      .split('\n')
      .map((l) => (JSON.parse(l) as { type: string }).type);
    assert.equal(types[0], 'conversation');
    assert.equal(types[types.length - 1], 'complete');
    assert.ok(types.includes('delta'));
  });

  it('send --bot uploads files, continues the story, and history reads it back', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'twin-chat-cli-'));
    try {
      const a = path.join(dir, 'a.txt');
      const b = path.join(dir, 'b.md');
      fs.writeFileSync(a, 'một');
      fs.writeFileSync(b, '# hai');
      const bot = DEMO_CREDENTIALS.kamiMindBotToken;
      const first = await run([
        'send',
        '--bot',
        bot,
        '--file',
        a,
        '--file',
        b,
        ...km(),
        'xin chào',
      ]);
      assert.equal(first.code, 0, first.stderr);
      assert.match(first.stdout, /Tệp đính kèm \(2\)/);
      assert.deepEqual(
        sim.requests[0]?.files?.map((f) => [f.filename, f.contentType]),
        [
          ['a.txt', 'text/plain'],
          ['b.md', 'text/markdown'],
        ],
      );
      const story = /^Story: (\S+)$/m.exec(first.stderr)?.[1] ?? '';
      const second = await run(['send', '--bot', bot, '--story', story, ...km(), 'tiếp']);
      assert.equal(second.code, 0, second.stderr);
      const history = await run(['history', '--bot', bot, '--story', story, '--json', ...km()]);
      assert.equal(history.code, 0, history.stderr);
      const roles = history.stdout
        .trim()
        .split('\n')
        .map((l) => (JSON.parse(l) as { role: string }).role);
      assert.deepEqual(roles, ['user', 'assistant', 'user', 'assistant']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a missing --file is a usage error', async () => {
    const result = await run([
      'send',
      '--bot',
      DEMO_CREDENTIALS.kamiMindBotToken,
      '--file',
      '/nonexistent/x',
      ...km(),
      'hi',
    ]);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /no such file/);
  });

  it('credentials come from the environment; a missing one says which variable to set', async () => {
    const result = await run(['twins', ...te()], {});
    assert.equal(result.code, 1);
    assert.equal(
      result.stderr,
      'No TwinExpert API key is set. Set the TWINEXPERT_API_KEY environment variable to a valid key.\n',
    );
    const km2 = await run(['send', '--bot', DEMO_CREDENTIALS.kamiMindBotToken, ...km(), 'hi'], {});
    assert.match(km2.stderr, /KAMIMIND_TOKEN/);
  });

  it('API errors exit 1 with one sentence on stderr, partial answer kept on stdout', async () => {
    sim.configure({
      fault: { kind: 'closeWithoutTerminal', afterDeltas: 3 },
      faultMatch: 'stream',
    });
    const result = await run(['send', '--twin', 'twin-typescript', ...te(), 'hi']);
    assert.equal(result.code, 1);
    assert.ok(result.stdout.length > 0);
    assert.match(result.stderr, /The answer was cut off before it finished\./);
    assert.match(result.stderr, /^Conversation: /m);
  });

  it('success:false at HTTP 200: the sentence, then the server code and message on stderr', async () => {
    sim.configure({ kmOutOfCredits: true, kmErrorsAs200: true });
    const result = await run(['send', '--bot', DEMO_CREDENTIALS.kamiMindBotToken, ...km(), 'hi']);
    assert.equal(result.code, 1);
    const lines = result.stderr.split('\n');
    const sentence = lines.findIndex((l) => /out of credits/.test(l));
    assert.ok(sentence >= 0, result.stderr);
    assert.match(
      lines[sentence + 1] ?? '',
      /^Server said: NOT_ENOUGH_AVAILABLE_MONEY: Tài khoản không đủ Kpoint \(token \*\*\*\)/,
    );
    assert.ok(!result.stderr.includes(DEMO_CREDENTIALS.kamiMindToken));
  });

  it('--timeout bounds a stalled answer', async () => {
    sim.configure({ fault: { kind: 'stallMidStream', afterDeltas: 1 }, faultMatch: 'stream' });
    const result = await run([
      'send',
      '--twin',
      'twin-typescript',
      '--timeout',
      '0.5',
      ...te(),
      'hi',
    ]);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /did not answer in time/);
  });

  it('Ctrl-C cancels the request, closes the socket and exits 130', async function () {
    this.timeout(20_000);
    sim.configure({ fault: { kind: 'stallMidStream', afterDeltas: 2 }, faultMatch: 'stream' });
    const entry = path.resolve(__dirname, 'cliEntry.js');
    const child = spawn(
      process.execPath,
      [entry, 'send', '--twin', 'twin-typescript', ...te(), 'hi'],
      {
        env: { ...process.env, ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    let stderr = '';
    let code: number | null | undefined;
    let exitedAt = 0;
    let serverClosedAt: number | undefined;
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.on('exit', (exitCode) => {
      code = exitCode;
      exitedAt = performance.now();
    });
    onRequestEnd = (line) => {
      if (line.includes('/messages/stream')) serverClosedAt = performance.now();
    };
    try {
      // Part of the answer has arrived and the server now holds the stream open without ending it.
      await eventually(() => stdout.length > 0, 'the first words of the answer');
      const started = performance.now();
      child.kill('SIGINT');
      await eventually(() => code !== undefined, 'the CLI to exit after Ctrl-C');
      await eventually(() => serverClosedAt !== undefined, 'the server to see the socket close');
      console.log(
        `      CLI exited ${(exitedAt - started).toFixed(0)} ms after SIGINT; server saw the close after ${((serverClosedAt ?? 0) - started).toFixed(0)} ms`,
      );
    } finally {
      child.kill('SIGKILL'); // a CLI that ignored Ctrl-C must not outlive the test
    }
    assert.equal(code, 130);
    assert.match(stderr, /The request was cancelled\./);
    assert.ok(stdout.length > 0);
  });
});
