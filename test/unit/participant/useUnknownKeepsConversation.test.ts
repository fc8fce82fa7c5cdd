import * as assert from 'node:assert/strict';
import { startSimulator, type Simulator } from '../../simulator/server';
import { conversationIdOf, historyOf, ParticipantFixture } from './participantFixture';

// `/use <name>` with a name no twin or bot has changes nothing: the answer says so and keeps the
// selection. Nothing was switched, so the session's conversation must go on too: the next
// question continues the same server conversation, as after /twins.
describe('@twin /use with an unknown name, in the middle of a conversation', function () {
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

  const STREAM_PATH = /^\/api\/v1\/conversations\/([^/]+)\/messages\/stream$/;
  const streamIds = () => sim.requests.flatMap((r) => STREAM_PATH.exec(r.path)?.slice(1, 2) ?? []);

  it('keeps the conversation: the next question goes to the same server conversation', async () => {
    await fx.select('twinexpert');
    const first = await fx.ask('My name is Lan. Remember it.');
    const typo = await fx.ask('nobody-by-this-name', {
      command: 'use',
      history: historyOf(first.result),
    });
    assert.match(typo.result.errorDetails?.message ?? '', /No twin or bot is called/);
    const next = await fx.ask('What is my name?', {
      history: historyOf(first.result, typo.result),
    });
    assert.equal(
      conversationIdOf(next.result),
      conversationIdOf(first.result),
      'the failed /use started a new Twin Chat conversation',
    );
    const [one, two] = streamIds();
    assert.equal(two, one, 'the next question went to a new server conversation: the twin forgot');
  });
});
