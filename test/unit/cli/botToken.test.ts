import * as assert from 'node:assert/strict';
import { runCli } from '../../../src/cli/run';
import { DEMO_CREDENTIALS, startSimulator, type Simulator } from '../../simulator/server';

describe('twin-chat CLI: the bot token comes from the environment', () => {
  let sim: Simulator;
  const BOT = DEMO_CREDENTIALS.kamiMindBotToken;
  const withBotToken = { KAMIMIND_TOKEN: DEMO_CREDENTIALS.kamiMindToken, KAMIMIND_BOT_TOKEN: BOT };

  before(async () => {
    sim = await startSimulator({ port: 0, tokenDelayMs: 0 });
  });
  after(() => sim.stop());
  beforeEach(() => sim.reset());

  async function run(argv: string[], env: NodeJS.ProcessEnv) {
    let stdout = '';
    let stderr = '';
    const io = {
      stdout: (t: string) => void (stdout += t),
      stderr: (t: string) => void (stderr += t),
    };
    const code = await runCli({ argv, env, io, signal: AbortSignal.timeout(15_000) });
    return { code, stdout, stderr };
  }

  it('--bot <name> sends with KAMIMIND_BOT_TOKEN, and history reads the story back', async () => {
    const sent = await run(
      ['send', '--bot', 'support', '--base-url', sim.url, 'xin chào'],
      withBotToken,
    );
    assert.equal(sent.code, 0, sent.stderr);
    assert.equal(sim.requests[0]?.fields?.bot_token, BOT);
    assert.doesNotMatch(sent.stderr, /Warning/);
    const story = /^Story: (\S+)$/m.exec(sent.stderr)?.[1] ?? '';
    const history = await run(
      ['history', '--bot', 'support', '--story', story, '--base-url', sim.url],
      withBotToken,
    );
    assert.equal(history.code, 0, history.stderr);
    assert.match(history.stdout, /xin chào/);
  });

  it('without KAMIMIND_BOT_TOKEN, --bot <name> says which variable to set and sends nothing', async () => {
    const result = await run(['send', '--bot', 'support', '--base-url', sim.url, 'hi'], {
      KAMIMIND_TOKEN: DEMO_CREDENTIALS.kamiMindToken,
    });
    assert.equal(result.code, 1);
    assert.match(result.stderr, /KAMIMIND_BOT_TOKEN/);
    assert.equal(sim.requests.length, 0);
  });

  it('a bot token passed as --bot still works, with a warning on stderr', async () => {
    const result = await run(['send', '--bot', BOT, '--base-url', sim.url, 'hi'], {
      KAMIMIND_TOKEN: DEMO_CREDENTIALS.kamiMindToken,
    });
    assert.equal(result.code, 0, result.stderr);
    assert.equal(sim.requests[0]?.fields?.bot_token, BOT);
    assert.match(result.stderr, /^Warning: .*process list.* KAMIMIND_BOT_TOKEN/m);
    assert.ok(!result.stdout.includes('Warning'));
  });

  it('--help names KAMIMIND_BOT_TOKEN and no longer asks for a token on the command line', async () => {
    const help = await run(['--help'], {});
    assert.match(help.stdout, /KAMIMIND_BOT_TOKEN/);
    assert.match(help.stdout, /send --bot <name>/);
    assert.doesNotMatch(help.stdout, /<bot-token>/);
  });
});
