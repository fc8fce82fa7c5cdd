import * as assert from 'node:assert/strict';
import {
  createTwinExpertServer,
  type TwinExpertServer,
} from '../../../src/providers/twinExpertServer';
import { startSimulator, type Simulator, type TeListShape } from '../../simulator/server';
import { TE_KEY, testHttp, type TestHttp } from './helpers';

// GET /conversations, /conversations/{id}/messages and /twins/{id} are undocumented in shape
// (api-spec T2, T5, T9): each is read in the inferred shape and in the simulator's alternative.
describe('TwinExpert server reads against the simulator', () => {
  let sim: Simulator;
  let t: TestHttp;
  let server: TwinExpertServer;

  before(async () => {
    sim = await startSimulator({ port: 0, tokenDelayMs: 0 });
    t = testHttp();
    server = createTwinExpertServer({
      baseUrl: sim.twinExpertBaseUrl,
      getApiKey: () => Promise.resolve(TE_KEY),
      http: t.http,
    });
  });
  after(async () => {
    await t.http.close();
    await sim.stop();
  });
  beforeEach(() => sim.reset());

  function seed(twinId: string, title: string, turns = 1): string {
    const messages = Array.from({ length: turns }, (_, i) => [
      { role: 'user' as const, content: `question ${i + 1}` },
      { role: 'assistant' as const, content: `answer ${i + 1}` },
    ]).flat();
    return sim.seedTwinExpertConversation({ twinId, title, messages });
  }

  for (const shape of ['array', 'items'] as TeListShape[]) {
    describe(`list shape "${shape}"`, () => {
      beforeEach(() => sim.configure({ teListShape: shape, teMessageHistory: true }));

      it('lists one twin’s conversations page by page, with title, twin and time', async () => {
        const ids = Array.from({ length: 5 }, (_, i) => seed('twin-legal', `Hỏi luật ${i}`));
        seed('twin-cloud', 'Another twin');
        const first = await server.conversations({ twinId: 'twin-legal', page: 1, limit: 2 });
        assert.equal(first.hasMore, true);
        assert.equal(first.conversations.length, 2);
        const c = first.conversations[0];
        assert.equal(c?.twinId, 'twin-legal');
        assert.match(c?.title ?? '', /^Hỏi luật \d$/);
        assert.match(c?.updatedAt ?? '', /^\d{4}-\d\d-\d\dT/);
        const pages = [first];
        for (let page = 2; pages.at(-1)?.hasMore; page++)
          pages.push(await server.conversations({ twinId: 'twin-legal', page, limit: 2 }));
        const listed = pages.flatMap((p) => p.conversations.map((x) => x.id));
        assert.deepEqual([...listed].sort(), [...ids].sort());
        assert.equal(sim.requests.at(-1)?.query.twinId, 'twin-legal');
      });

      it('reads a conversation’s messages with who said what', async () => {
        const id = seed('twin-legal', 'Two turns', 2);
        const messages = await server.messages(id);
        assert.deepEqual(
          messages.map((m) => [m.role, m.text]),
          [
            ['user', 'question 1'],
            ['assistant', 'answer 1'],
            ['user', 'question 2'],
            ['assistant', 'answer 2'],
          ],
        );
        assert.ok(messages.every((m) => m.time !== undefined));
      });
    });
  }

  it('a server without the messages endpoint answers notFound (open as continue-only)', async () => {
    const id = seed('twin-legal', 'No history here');
    await assert.rejects(server.messages(id), { kind: 'notFound' });
  });

  for (const shape of ['data', 'bare', 'nested'] as const) {
    it(`reads twin details in the "${shape}" shape, text only`, async () => {
      sim.configure({ teTwinShape: shape });
      const twin = await server.twin('twin-legal');
      assert.equal(twin.id, 'twin-legal');
      assert.equal(twin.name, 'Cố vấn Pháp lý');
      assert.equal(twin.description, 'Tra cứu nhanh các quy định phổ biến.');
      assert.deepEqual(twin.fields, [
        { name: 'headline', value: 'Cố vấn Pháp lý: trả lời 24/7' },
        { name: 'expertise', value: 'tư vấn, hỏi đáp' },
      ]);
      assert.ok(!JSON.stringify(twin).includes('avatar'), 'no image field is carried');
    });
  }

  it('an unknown twin is notFound', async () => {
    await assert.rejects(server.twin('twin-nobody'), { kind: 'notFound' });
  });
});
