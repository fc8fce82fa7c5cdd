import * as assert from 'node:assert/strict';
import type { ChatSession } from '../../../src/chat/chatSession';
import type { ConversationView } from '../../../src/shared/protocol';
import { startSimulator, type Simulator } from '../../simulator/server';
import { conversationIdOf, historyOf, ParticipantFixture } from './participantFixture';

// A conversation held with @twin in VS Code's Chat view is in Twin Chat's history, and opened
// there it is an ordinary conversation: its answers sit under their questions, so Retry, Edit and
// Delete work on it as on one made in Twin Chat's own view.
describe('a @twin conversation opened in Twin Chat', function () {
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

  /** Two @twin turns, the second refused with a 429; the conversation opened in Twin Chat. */
  async function openedAfterAFailedTurn(): Promise<{ chat: ChatSession; shown: ConversationView }> {
    await fx.select('twinexpert');
    const first = await fx.ask('First question');
    sim.configure({
      fault: { kind: 'rateLimit', retryAfter: 'seconds', seconds: 1 },
      faultMatch: '/messages/stream',
      faultOnce: true,
    });
    const second = await fx.ask('Second question', { history: historyOf(first.result) });
    assert.ok(second.result.errorDetails, 'the second turn failed');
    const chat = fx.chat.session();
    await chat.shared.refreshTargets();
    await chat.open(conversationIdOf(second.result));
    const shown = fx.chat.of('conversation/show').at(-1)?.conversation;
    assert.ok(shown);
    return { chat, shown };
  }

  const texts = async (chat: ChatSession) =>
    (await chat.viewState()).conversation.messages.map((m) => [m.role, m.status]);

  it('retries the failed answer', async () => {
    const { chat, shown } = await openedAfterAFailedTurn();
    const failed = shown.messages.at(-1);
    assert.equal(failed?.status, 'error');
    await chat.retry(failed?.id ?? '');
    assert.deepEqual(await texts(chat), [
      ['user', 'complete'],
      ['assistant', 'complete'],
      ['user', 'complete'],
      ['assistant', 'complete'],
    ]);
  });

  it('edits the second question into a version of it, the first exchange kept as it was', async () => {
    const { chat, shown } = await openedAfterAFailedTurn();
    await chat.edit(shown.messages[2]?.id ?? '', 'Second question, edited');
    const view = (await chat.viewState()).conversation;
    assert.equal(view.messages.length, 4);
    assert.equal(view.messages[0]?.text, 'First question');
    assert.equal(view.messages[0]?.siblingIds, undefined);
    assert.equal(view.messages[2]?.siblingIds?.length, 2);
  });

  it('deletes the failed exchange', async () => {
    const { chat, shown } = await openedAfterAFailedTurn();
    await chat.deleteExchange(shown.messages[3]?.id ?? '');
    assert.deepEqual(await texts(chat), [
      ['user', 'complete'],
      ['assistant', 'complete'],
    ]);
  });
});
