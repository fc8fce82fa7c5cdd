// Send Selection in a window where the chat view was not opened yet: the twin chosen in an
// earlier window answers, although no view has listed the twins so far.
import * as assert from 'node:assert/strict';
import { startSimulator, type Simulator } from '../../simulator/server';
import { ChatFixture } from './chatFixture';

describe('a command sending before the twins are listed', function () {
  this.timeout(30_000);
  let sim: Simulator;
  let fx: ChatFixture;
  before(async () => {
    sim = await startSimulator({ port: 0, tokenDelayMs: 0 });
  });
  after(() => sim.stop());
  beforeEach(() => {
    sim.reset();
    fx = new ChatFixture(sim);
  });
  afterEach(() => fx.dispose());

  it('goes to the twin chosen in the last window, not to "Choose a twin or bot"', async () => {
    const earlier = fx.session();
    await earlier.shared.refreshTargets();
    const chosen = earlier.targetsView().selectedKey;
    assert.ok(chosen?.startsWith('twinexpert:'), 'a twin was chosen in the earlier window');
    // The window is reloaded: the choice is remembered, nothing is listed until a view asks.
    const chat = fx.session();
    await chat.send('```ts\nconst x = 1;\n```');
    const failure = fx.of('chat/error')[0]?.message.error?.message;
    assert.equal(failure, undefined, `the answer failed: ${failure}`);
    const done = fx.of('chat/done').at(-1);
    assert.equal(done?.message.status, 'complete');
    assert.equal(
      fx.of('chat/started').at(-1)?.answerer,
      earlier.targetsView().targets.find((t) => t.key === chosen)?.label,
    );
    assert.equal(sim.requests.filter((r) => r.path.endsWith('/messages/stream')).length, 1);
  });

  it('waits for the listing the chat view started as it opened, rather than failing', async () => {
    const earlier = fx.session();
    await earlier.shared.refreshTargets();
    const chat = fx.session();
    // The view opened by the command lists the twins; the command's message comes meanwhile.
    const listing = chat.shared.ensureTargets();
    await chat.send('```ts\nconst x = 1;\n```');
    await listing;
    const failure = fx.of('chat/error')[0]?.message.error?.message;
    assert.equal(failure, undefined, `the answer failed: ${failure}`);
    assert.equal(fx.of('chat/done').at(-1)?.message.status, 'complete');
  });
});
