import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ConversationStore } from '../../../src/chat/conversationStore';
import {
  ServerConversationsHandler,
  type SectionChat,
} from '../../../src/chat/serverConversationsHandler';
import { createTwinExpertServer } from '../../../src/providers/twinExpertServer';
import type { HostToWebview, TargetsView } from '../../../src/shared/protocol';
import { startSimulator, type Simulator } from '../../simulator/server';
import { TE_KEY, teProvider, testHttp, type TestHttp } from '../providers/helpers';

// the "On TwinExpert" list is newest first and paged by offset. When a conversation
// changes between two pages (a message sent in TwinExpert's web app, or in Twin Chat itself),
// the rows move: the list the section builds must still show each conversation exactly once.

const TWIN_KEY = 'twinexpert:twin-legal';
const TARGETS: TargetsView = {
  targets: [{ key: TWIN_KEY, provider: 'twinexpert', label: 'Cố vấn Pháp lý' }],
  selectedKey: TWIN_KEY,
  loading: false,
};
type Page = Extract<HostToWebview, { type: 'serverConversations/page' }>;

describe('"On TwinExpert" pages while conversations change', () => {
  let sim: Simulator;
  let t: TestHttp;
  let dir: string;

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
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'twin-chat-server-paging-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('lists every conversation once when one is answered between page 1 and page 2', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 25; i++) {
      ids.push(
        sim.seedTwinExpertConversation({
          twinId: 'twin-legal',
          title: `Chat ${i}`,
          messages: [{ role: 'user', content: `q${i}` }],
        }),
      );
      await new Promise((r) => setTimeout(r, 2)); // distinct updatedAt
    }
    const store = new ConversationStore(dir, () => assert.fail('no file is damaged'));
    const server = createTwinExpertServer({
      baseUrl: sim.twinExpertBaseUrl,
      getApiKey: () => Promise.resolve(TE_KEY),
      http: t.http,
    });
    const answers: HostToWebview[] = [];
    const chat: SectionChat = {
      targetsView: () => TARGETS,
      shared: { deps: { store, twinExpertServer: () => server } },
      open: () => Promise.resolve(),
    };
    const handler = new ServerConversationsHandler({
      answer: (m) => answers.push(m),
      openConversation: () => Promise.resolve(),
      unexpected: (e) => String(e),
      sentences: { unknownTwin: 'x', notListed: 'y' },
    });

    await handler.list(chat, TWIN_KEY, 1);
    // The oldest conversation (on page 2) gets a new message meanwhile.
    for await (const event of teProvider(sim, t.http).send(
      { targetId: 'twin-legal', text: 'one more', conversationId: ids[0], stream: true },
      new AbortController().signal,
    ))
      void event;
    await handler.list(chat, TWIN_KEY, 2);

    const rows = answers
      .filter((a): a is Page => a.type === 'serverConversations/page')
      .flatMap((p) => p.conversations.map((c) => c.id));
    const counts = new Map<string, number>();
    for (const id of rows) counts.set(id, (counts.get(id) ?? 0) + 1);
    const twice = [...counts].filter(([, n]) => n > 1).map(([id]) => id);
    const missing = ids.filter((id) => !counts.has(id));
    // (`missing` is offset paging's own limit; a row shown twice is the section's to avoid.)
    assert.deepEqual(twice, [], `no row twice (also never listed: ${JSON.stringify(missing)})`);
  });
});
