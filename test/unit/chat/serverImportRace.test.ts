import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ConversationStore } from '../../../src/chat/conversationStore';
import {
  ServerConversationsHandler,
  type SectionChat,
} from '../../../src/chat/serverConversationsHandler';
import { importTwinExpertConversation } from '../../../src/chat/twinExpertImport';
import { createTwinExpertServer } from '../../../src/providers/twinExpertServer';
import type { HostToWebview, TargetsView } from '../../../src/shared/protocol';
import { startSimulator, type Simulator } from '../../simulator/server';
import { TE_KEY, testHttp, type TestHttp } from '../providers/helpers';

// the same server conversation opened twice quickly (a double click on its row in the
// "On TwinExpert" section, or the section and the command at once) must give one local
// conversation, as it does when the two opens come one after the other.

const TWIN_KEY = 'twinexpert:twin-legal';
const TARGETS: TargetsView = {
  targets: [{ key: TWIN_KEY, provider: 'twinexpert', label: 'Cố vấn Pháp lý' }],
  selectedKey: TWIN_KEY,
  loading: false,
};

describe('opening one server conversation twice at once', () => {
  let sim: Simulator;
  let t: TestHttp;
  let dir: string;
  let store: ConversationStore;
  let answers: HostToWebview[];
  let shown: string[];
  let chat: SectionChat;
  let handler: ServerConversationsHandler;

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
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'twin-chat-import-race-'));
    store = new ConversationStore(dir, () => assert.fail('no file is damaged'));
    answers = [];
    shown = [];
    const server = createTwinExpertServer({
      baseUrl: sim.twinExpertBaseUrl,
      getApiKey: () => Promise.resolve(TE_KEY),
      http: t.http,
    });
    chat = {
      targetsView: () => TARGETS,
      shared: { deps: { store, twinExpertServer: () => server } },
      open: (id) => Promise.resolve(void shown.push(id)),
    };
    handler = new ServerConversationsHandler({
      answer: (message) => answers.push(message),
      openConversation: async (c, srv, twin, conversation) => {
        const target = { provider: 'twinexpert' as const, ...twin };
        const imported = await importTwinExpertConversation(srv, store, target, conversation);
        await c.open(imported.id);
      },
      unexpected: (error) => String(error),
      sentences: { unknownTwin: 'unknown twin', notListed: 'not listed' },
    });
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('a double click on a row imports the conversation once', async () => {
    const id = sim.seedTwinExpertConversation({
      twinId: 'twin-legal',
      title: 'Thuê nhà',
      messages: [
        { role: 'user', content: 'Hợp đồng cần gì?' },
        { role: 'assistant', content: 'Chữ ký hai bên.' },
      ],
    });
    await handler.list(chat, TWIN_KEY, 1);
    await Promise.all([handler.open(chat, TWIN_KEY, id), handler.open(chat, TWIN_KEY, id)]);
    const locals = await store.list();
    assert.equal(
      locals.length,
      1,
      `one local conversation for server conversation ${id}, got ${locals.length}: ${JSON.stringify(locals.map((l) => l.id))}`,
    );
    assert.equal(shown[0], shown[1], 'both clicks show the same local conversation');
  });
});
