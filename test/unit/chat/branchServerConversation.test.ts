import * as assert from 'node:assert/strict';
import type { ChatSession } from '../../../src/chat/chatSession';
import { importTwinExpertConversation, linkedRemoteIds } from '../../../src/chat/twinExpertImport';
import { parseTargetKey } from '../../../src/chat/targets';
import { createTwinExpertServer } from '../../../src/providers/twinExpertServer';
import type { Simulator } from '../../simulator/types';
import { TE_KEY, testHttp } from '../providers/helpers';
import { useChatFixture } from './useChatFixture';

// an Edit in Twin Chat opens a second TwinExpert conversation for the branch (design.md
// section 9). That server conversation is Twin Chat's own: the "On TwinExpert" list must show it
// as linked, and opening it must show the local conversation, never import a copy.

const STREAM_PATH = /^\/api\/v1\/conversations\/([^/]+)\/messages\/stream$/;

describe('a branch’s server conversation found on the server', function () {
  this.timeout(30_000);
  const harness = useChatFixture({ tokenDelayMs: 1, selectTwin: true });
  let sim: Simulator;
  let chat: ChatSession;
  beforeEach(() => ({ sim, chat } = harness()));
  const { http } = testHttp({ retry: { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1 } });
  after(() => http.close());

  it('is linked to the conversation that made it, not imported again', async () => {
    sim.configure({ teMessageHistory: true });
    for (const q of ['first question', 'second question']) await chat.send(q);
    const second = (await chat.viewState()).conversation.messages[2];
    assert.equal(second?.text, 'second question');
    await chat.edit(second.id, 'second question, better put');
    const branchRemote = STREAM_PATH.exec(
      sim.requests.filter((r) => STREAM_PATH.test(r.path)).at(-1)?.path ?? '',
    )?.[1];
    assert.ok(branchRemote, 'the branch has its own server conversation');

    const { store } = chat.shared.deps;
    const [local] = await store.list();
    const twinKey = chat.targetsView().selectedKey ?? '';
    const twin = chat.targetsView().targets.find((t) => t.key === twinKey);
    const target = {
      provider: 'twinexpert' as const,
      id: parseTargetKey(twinKey)?.id ?? '',
      label: twin?.label ?? '',
    };
    const server = createTwinExpertServer({
      baseUrl: sim.twinExpertBaseUrl,
      getApiKey: () => Promise.resolve(TE_KEY),
      http,
    });

    const markedLinked = (await linkedRemoteIds(store, 'twinexpert')).has(branchRemote);
    const imported = await importTwinExpertConversation(server, store, target, {
      id: branchRemote,
    });
    const locals = (await store.list()).length;
    assert.deepEqual(
      { markedLinked, shows: imported.id, created: imported.created, locals },
      { markedLinked: true, shows: local?.id, created: false, locals: 1 },
      'the list marks it "in Twin Chat", and opening it shows the conversation that made it',
    );
  });
});
