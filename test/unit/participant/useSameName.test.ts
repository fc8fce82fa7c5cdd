import * as assert from 'node:assert/strict';
import { createKamiMindProvider } from '../../../src/providers/kamiMind';
import { DEMO_CREDENTIALS, startSimulator, type Simulator } from '../../simulator/server';
import { ParticipantFixture, shownError } from './participantFixture';

// /twins offers one follow-up per other twin or bot, and clicking one sends `/use <its name>`.
// A KamiMind bot's label is whatever the user typed in Add KamiMind Bot, so it can be the name of
// one of their twins (or of another bot). The follow-up must still switch to the target it names,
// and a typed name that fits both must ask which one, not pick one.
describe('@twin /use when a bot and a twin share a name', function () {
  this.timeout(30_000);
  let sim: Simulator;
  let fx: ParticipantFixture;
  before(async () => {
    sim = await startSimulator({ port: 0, tokenDelayMs: 1 });
  });
  after(() => sim.stop());
  beforeEach(() => {
    sim.reset();
    fx = new ParticipantFixture(sim);
  });
  afterEach(() => fx.dispose());

  let twinKey = '';
  let twinLabel = '';
  beforeEach(async () => {
    twinKey = await fx.select('twinexpert');
    twinLabel = fx.targets.current.targets.find((t) => t.key === twinKey)?.label ?? '';
    assert.ok(twinLabel);
    // The user added a KamiMind bot and named it like their twin (globalState's bot list).
    fx.chat.providers.kamimind = createKamiMindProvider({
      baseUrl: sim.url,
      getToken: () => Promise.resolve(DEMO_CREDENTIALS.kamiMindToken),
      listBots: () => Promise.resolve([{ id: 'support-bot', label: twinLabel }]),
      getBotToken: () => Promise.resolve(DEMO_CREDENTIALS.kamiMindBotToken),
      http: fx.chat.http,
    });
  });

  it('the follow-up for the bot switches to the bot, not to the twin of the same name', async () => {
    const listed = await fx.ask('', { command: 'twins' });
    const followup = fx.participant
      .followups(listed.result)
      .find((f) => f.prompt === `${twinLabel} (KamiMind)`);
    assert.ok(
      followup,
      `/twins offers to switch to the bot "${twinLabel}", named with its product`,
    );

    // The user clicks it: VS Code sends `/use <prompt>`.
    const used = await fx.ask(followup.prompt, { command: followup.command });
    assert.equal(used.result.errorDetails, undefined, 'the switch is reported as done');
    assert.equal(
      fx.targets.selectedKey(),
      'kamimind:support-bot',
      'the bot the follow-up offered is now selected',
    );
  });

  it('the twin named with its product is the twin, from the bot too', async () => {
    await fx.targets.select('kamimind:support-bot');
    const used = await fx.ask(`${twinLabel} (TwinExpert)`, { command: 'use' });
    assert.equal(used.result.errorDetails, undefined);
    assert.equal(fx.targets.selectedKey(), twinKey);
  });

  it('a typed name that fits both lists them and selects neither', async () => {
    const used = await fx.ask(twinLabel.toLocaleLowerCase(), { command: 'use' });
    assert.equal(
      shownError(used.result),
      `"${twinLabel.toLocaleLowerCase()}" could be "${twinLabel} (TwinExpert)", ` +
        `"${twinLabel} (KamiMind)". Type /use with one of these names.`,
    );
    assert.equal(fx.targets.selectedKey(), twinKey, 'the selection is kept');
  });
});
