// What the chat view shows once a key stops working: the open conversation keeps naming its twin.
import * as assert from 'node:assert/strict';
import type { ChatSession } from '../../../src/chat/chatSession';
import { createTwinExpertProvider } from '../../../src/providers/twinExpert';
import { DEMO_CREDENTIALS, type Simulator } from '../../simulator/server';
import type { ChatFixture } from './chatFixture';
import { selectFirstTwin, useChatFixture } from './useChatFixture';

/** TwinExpert's client with `apiKey`, as the extension builds it when a key is set. */
function useTwinExpertKey(fx: ChatFixture, sim: Simulator, apiKey: string): void {
  fx.providers.twinexpert = createTwinExpertProvider({
    baseUrl: `${sim.url}/api/v1`,
    getApiKey: () => Promise.resolve(apiKey),
    http: fx.http,
  });
}

/** From now on TwinExpert answers 401, as for a revoked key. */
function revokeTwinExpertKey(fx: ChatFixture, sim: Simulator): void {
  useTwinExpertKey(fx, sim, 'ak_revoked0123456789abcdef');
}

describe('after a rejected key', function () {
  this.timeout(30_000);
  const harness = useChatFixture({ tokenDelayMs: 0 });
  let sim: Simulator;
  let fx: ChatFixture;
  let chat: ChatSession;
  beforeEach(() => ({ sim, fx, chat } = harness()));

  async function talkThenRevoke(): Promise<{ key: string; label: string; id: string }> {
    const key = await selectFirstTwin(chat);
    const label = chat.targetsView().targets.find((t) => t.key === key)?.label ?? '';
    await chat.send('hello');
    const id = chat.currentConversationId();
    revokeTwinExpertKey(fx, sim);
    await chat.shared.refreshTargets();
    assert.ok(chat.targetsView().error, 'listing twins failed with the revoked key');
    return { key, label, id };
  }

  it('a conversation reopened from history keeps its twin in the picker, marked unavailable', async () => {
    const twin = await talkThenRevoke();
    await chat.newChat();
    await chat.open(twin.id);
    const view = fx.of('targets/update').at(-1)?.targets;
    assert.equal(view?.selectedKey, twin.key);
    assert.deepEqual(
      view.targets.filter((t) => t.provider === 'twinexpert'),
      [{ key: twin.key, provider: 'twinexpert', label: twin.label, unavailable: true }],
    );
  });

  it('after a reload, the restored conversation keeps its twin too', async () => {
    const twin = await talkThenRevoke();
    const reloaded = fx.session();
    const state = await reloaded.viewState();
    await reloaded.shared.ensureTargets();
    for (const view of [state.targets, reloaded.targetsView()]) {
      assert.equal(view.selectedKey, twin.key);
      const shown = view.targets.find((t) => t.key === twin.key);
      assert.equal(shown?.label, twin.label);
      assert.equal(shown.unavailable, true);
    }
  });

  it('the listing error comes with the button that fixes it: Set API Key', async () => {
    await talkThenRevoke();
    const view = chat.targetsView();
    assert.match(view.error ?? '', /TwinExpert/);
    assert.deepEqual(view.errorActions, ['setTwinExpertKey', 'showLogs']);
  });

  it('a rejected answer offers Retry beside Set API Key, and Retry with a working key answers in its place', async () => {
    await selectFirstTwin(chat);
    revokeTwinExpertKey(fx, sim);
    await chat.send('hello');
    const failed = chat.conversationNow().messages[1];
    assert.equal(failed?.status, 'error');
    assert.deepEqual(failed.error?.actions, ['setTwinExpertKey', 'retry', 'showLogs']);

    useTwinExpertKey(fx, sim, DEMO_CREDENTIALS.twinExpertApiKey);
    await chat.retry(failed.id);
    const messages = chat.conversationNow().messages;
    assert.deepEqual(
      messages.map((m) => [m.role, m.status]),
      [
        ['user', 'complete'],
        ['assistant', 'complete'],
      ],
      'the failure is replaced, not kept as an earlier version',
    );
  });

  it('a twin the list still has is not marked unavailable', async () => {
    const key = await selectFirstTwin(chat);
    await chat.shared.refreshTargets();
    const shown = chat.targetsView().targets.find((t) => t.key === key);
    assert.ok(shown && !('unavailable' in shown));
  });

  describe('the status bar warning', () => {
    async function failWithRevokedKey(): Promise<string> {
      const key = await selectFirstTwin(chat);
      revokeTwinExpertKey(fx, sim);
      await chat.send('hello');
      assert.equal(fx.statuses.at(-1)?.state, 'failed', 'the rejected request warns');
      return key;
    }

    it('ends when Test Connection finds the target provider accepts the key again', async () => {
      const key = await failWithRevokedKey();
      chat.shared.connectionVerified('kamimind');
      assert.equal(fx.statuses.at(-1)?.state, 'failed', 'another provider proves nothing');
      chat.shared.connectionVerified('twinexpert');
      assert.deepEqual(fx.statuses.at(-1), { target: key, state: 'connected' });
    });

    it('ends when a key is set again', async () => {
      const key = await failWithRevokedKey();
      await chat.shared.credentialsChanged();
      assert.deepEqual(fx.statuses.at(-1), { target: key, state: 'connected' });
    });
  });
});
