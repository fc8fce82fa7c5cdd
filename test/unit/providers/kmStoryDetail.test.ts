import * as assert from 'node:assert/strict';
import { startSimulator, type Simulator } from '../../simulator/server';
import { KM_BOT, kmProvider, testHttp, type TestHttp } from './helpers';

// A story made in KamiMind's own app, read by id (api-spec K2) in the documented one-record-per-actor
// shape and in the 2023 app's one-record-per-turn shape.
describe('KamiMind story detail of a story made elsewhere', () => {
  let sim: Simulator;
  let t: TestHttp;
  before(async () => {
    sim = await startSimulator({ port: 0, tokenDelayMs: 0 });
    t = testHttp();
  });
  after(async () => {
    await t.http.close();
    await sim.stop();
  });
  beforeEach(() => sim.reset());

  for (const shape of ['documented', 'paired'] as const) {
    it(`reads every turn in order (${shape})`, async () => {
      sim.configure({ kmStoryShape: shape, kmBotActor: 'ASSISTANT' });
      const storyId = sim.seedKamiMindStory({
        botToken: KM_BOT,
        storyName: 'Từ ứng dụng',
        turns: [
          { question: 'xin chào', answer: 'Chào bạn!' },
          { question: 'bạn là ai?', answer: 'Tôi là trợ lý.' },
        ],
      });
      const history = await kmProvider(sim, t.http).history?.(storyId);
      assert.deepEqual(
        history?.map((m) => [m.role, m.text]),
        [
          ['user', 'xin chào'],
          ['assistant', 'Chào bạn!'],
          ['user', 'bạn là ai?'],
          ['assistant', 'Tôi là trợ lý.'],
        ],
      );
      assert.ok(history?.every((m) => m.time && !Number.isNaN(Date.parse(m.time))));
    });
  }
});
