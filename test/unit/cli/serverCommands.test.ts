import * as assert from 'node:assert/strict';
import { runCli } from '../../../src/cli/run';
import { DEMO_CREDENTIALS, startSimulator, type Simulator } from '../../simulator/server';

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

describe('twin-chat CLI: server conversations, twin details and quota', () => {
  let sim: Simulator;
  const env = { TWINEXPERT_API_KEY: DEMO_CREDENTIALS.twinExpertApiKey };

  before(async () => {
    sim = await startSimulator({ port: 0, tokenDelayMs: 0 });
  });
  after(() => sim.stop());
  beforeEach(() => sim.reset());

  const te = () => ['--base-url', sim.twinExpertBaseUrl];

  async function run(argv: string[], environment: NodeJS.ProcessEnv = env): Promise<Result> {
    let stdout = '';
    let stderr = '';
    const io = {
      stdout: (t: string) => void (stdout += t),
      stderr: (t: string) => void (stderr += t),
    };
    const signal = new AbortController().signal;
    const code = await runCli({ argv, env: environment, io, signal });
    return { code, stdout, stderr };
  }

  function seed(title: string, twinId = 'twin-legal'): string {
    const messages = [
      { role: 'user' as const, content: 'Hợp đồng thuê nhà cần gì?' },
      { role: 'assistant' as const, content: 'Cần có chữ ký của hai bên.' },
    ];
    return sim.seedTwinExpertConversation({ twinId, title, messages });
  }

  for (const argv of [
    ['conversations'],
    ['conversations', '--twin', 'x', '--page', '0'],
    ['conversations', '--twin', 'x', '--limit', '101'],
    ['conversations', '--twin', 'x', '--story', 's'],
    ['twin'],
    ['twin', 'a', 'b'],
    ['status', 'now'],
    ['history', '--conversation', 'c', '--bot', 'b'],
    ['twins', '--page', '2'],
  ]) {
    it(`usage error for "${argv.join(' ')}" exits 2 without a request`, async () => {
      const result = await run(argv);
      assert.equal(result.code, 2, result.stderr);
      assert.equal(sim.requests.length, 0);
    });
  }

  it('conversations lists one twin’s server conversations, paged, as text or JSON', async () => {
    const ids = [seed('Thuê nhà'), seed('Thừa kế'), seed('Lao động')];
    seed('Other twin', 'twin-cloud');
    const first = await run(['conversations', '--twin', 'twin-legal', '--limit', '2', ...te()]);
    assert.equal(first.code, 0, first.stderr);
    const rows = first.stdout.trim().split('\n');
    assert.equal(rows.length, 2);
    assert.match(rows[0] ?? '', /^conv_\S+\t\d{4}-\d\d-\d\dT\S+\t(Thuê nhà|Thừa kế|Lao động)$/);
    assert.match(first.stderr, /--page 2/);
    const second = await run([
      'conversations',
      '--twin',
      'twin-legal',
      '--limit',
      '2',
      '--page',
      '2',
      '--json',
      ...te(),
    ]);
    assert.equal(second.code, 0);
    assert.doesNotMatch(second.stderr, /--page 3/);
    const listed = [
      ...rows.map((r) => r.split('\t')[0]),
      ...second.stdout
        .trim()
        .split('\n')
        .map((l) => (JSON.parse(l) as { id: string }).id),
    ];
    assert.deepEqual(listed.sort(), [...ids].sort());
  });

  it('history --conversation prints a server conversation, or says it can only be continued', async () => {
    const id = seed('Thuê nhà');
    const missing = await run(['history', '--conversation', id, ...te()]);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /no message history/);
    assert.match(missing.stderr, new RegExp(`--conversation ${id}`));
    sim.configure({ teMessageHistory: true });
    const found = await run(['history', '--conversation', id, '--json', ...te()]);
    assert.equal(found.code, 0, found.stderr);
    const messages = found.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { role: string; text: string });
    assert.deepEqual(
      messages.map((m) => m.role),
      ['user', 'assistant'],
    );
    assert.equal(messages[1]?.text, 'Cần có chữ ký của hai bên.');
  });

  it('twin prints one twin’s details; an unknown twin exits 1', async () => {
    const text = await run(['twin', 'twin-legal', ...te()]);
    assert.equal(text.code, 0, text.stderr);
    assert.equal(
      text.stdout,
      [
        'twin-legal\tCố vấn Pháp lý',
        'Tra cứu nhanh các quy định phổ biến.',
        'headline: Cố vấn Pháp lý: trả lời 24/7',
        'expertise: tư vấn, hỏi đáp',
        '',
      ].join('\n'),
    );
    const json = await run(['twin', 'twin-legal', '--json', ...te()]);
    assert.equal((JSON.parse(json.stdout) as { name: string }).name, 'Cố vấn Pháp lý');
    const unknown = await run(['twin', 'twin-nobody', ...te()]);
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /TWIN_NOT_FOUND|not found/i);
  });

  it('status and --verbose report the quota on the right stream; a bad key exits 1', async () => {
    sim.configure({ teRateLimit: 50 });
    const status = await run(['status', ...te()]);
    assert.equal(status.code, 0, status.stderr);
    assert.match(status.stdout, /TwinExpert quota: 49 of 50 requests left, resets at \d{4}-/);
    const json = await run(['status', '--json', ...te()]);
    const parsed = JSON.parse(json.stdout) as {
      ok: boolean;
      quota: { remaining: number; limit: number };
    };
    assert.deepEqual([parsed.ok, parsed.quota.remaining, parsed.quota.limit], [true, 48, 50]);
    const verbose = await run(['twins', '--verbose', '--json', ...te()]);
    assert.equal(verbose.code, 0);
    assert.doesNotMatch(verbose.stdout, /quota/);
    assert.match(verbose.stderr, /TwinExpert quota: 47 of 50 requests left/);
    const quiet = await run(['twins', ...te()]);
    assert.doesNotMatch(quiet.stderr, /quota/);
    const rejected = await run(['status', ...te()], {
      TWINEXPERT_API_KEY: 'ak_revoked0123456789abc',
    });
    assert.equal(rejected.code, 1);
  });
});
