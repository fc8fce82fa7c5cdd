import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ConversationStore } from '../../../src/chat/conversationStore';
import { importTwinExpertConversation } from '../../../src/chat/twinExpertImport';
import { createTwinExpertServer } from '../../../src/providers/twinExpertServer';
import { ProviderError } from '../../../src/providers/errors';
import { startSimulator, type Simulator } from '../../simulator/server';
import { TE_KEY, teProvider, testHttp, type TestHttp } from '../providers/helpers';

// Importing TwinExpert conversations against the simulator, at the edges.

const TWIN = { provider: 'twinexpert' as const, id: 'twin-legal', label: 'Cố vấn Pháp lý' };

describe('TwinExpert import at the edges', function () {
  this.timeout(60_000);
  let sim: Simulator;
  let t: TestHttp;
  let dir: string;
  let store: ConversationStore;

  before(async () => {
    sim = await startSimulator({ port: 0, tokenDelayMs: 0 });
    t = testHttp({ retry: { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1 } });
  });
  after(async () => {
    await t.http.close();
    await sim.stop();
  });
  beforeEach(() => {
    sim.reset();
    sim.configure({ teMessageHistory: true });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'twin-chat-import-edges-'));
    store = new ConversationStore(dir, () => assert.fail('no file is damaged'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const te = () =>
    createTwinExpertServer({
      baseUrl: sim.twinExpertBaseUrl,
      getApiKey: () => Promise.resolve(TE_KEY),
      http: t.http,
    });

  it('a long conversation comes in whole, its newest messages too', async () => {
    const messages = Array.from({ length: 5200 }, (_, i) => ({
      role: i % 2 === 0 ? ('user' as const) : ('assistant' as const),
      content: `message ${i}`,
    }));
    const id = sim.seedTwinExpertConversation({ twinId: 'twin-legal', title: 'Long', messages });
    const imported = await importTwinExpertConversation(te(), store, TWIN, { id, title: 'Long' });
    const local = await store.load(imported.id);
    assert.equal(local?.messages.length, 5200, 'every message the server has');
    assert.equal(local?.messages.at(-1)?.text, 'message 5199', 'the newest message is there');
  });

  it('a conversation deleted on the server after it was listed is not linked as "continue only"', async () => {
    const id = sim.seedTwinExpertConversation({
      twinId: 'twin-legal',
      title: 'Soon gone',
      messages: [
        { role: 'user', content: 'Q' },
        { role: 'assistant', content: 'A' },
      ],
    });
    sim.reset(); // deleted in TwinExpert's web app after the list showed it
    sim.configure({ teMessageHistory: true });
    let imported;
    try {
      imported = await importTwinExpertConversation(te(), store, TWIN, { id, title: 'Soon gone' });
    } catch (error) {
      assert.ok(error instanceof ProviderError && error.kind === 'notFound');
      return; // told it is gone: fine
    }
    // It was imported: then what the user sends next must continue it, as the notice promises.
    const local = await store.load(imported.id);
    const events = [];
    for await (const event of teProvider(sim, t.http).send(
      { targetId: TWIN.id, text: 'hello again', conversationId: local?.remoteId, stream: true },
      new AbortController().signal,
    ))
      events.push(event);
    const last = events.at(-1);
    assert.equal(
      last?.type,
      'complete',
      `imported ${JSON.stringify({ continueOnly: imported.continueOnly, remoteId: local?.remoteId })}; ` +
        `then the next message failed: ${last?.type === 'error' ? last.error.userMessage : ''}`,
    );
  });
});
