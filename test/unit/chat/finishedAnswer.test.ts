import * as assert from 'node:assert/strict';
import type { ChatSession } from '../../../src/chat/chatSession';
import type { HostToWebview } from '../../../src/shared/protocol';
import type { Simulator } from '../../simulator/types';
import type { ChatFixture } from './chatFixture';
import { useChatFixture } from './useChatFixture';

/**
 * The view shows an answer finished (chat/done) before its run has written its last checkpoint;
 * on a loaded machine that write takes long enough for the user to act. What they do then counts.
 */
describe('acting as soon as an answer shows finished', function () {
  this.timeout(30_000);
  const harness = useChatFixture({ tokenDelayMs: 1, selectTwin: true });
  let sim: Simulator;
  let fx: ChatFixture;
  let chat: ChatSession;
  beforeEach(() => ({ sim, fx, chat } = harness()));

  /** Runs `act` once, synchronously, when the view is told the next answer is done. */
  function onceDone(act: () => Promise<void>): () => Promise<void> {
    let acted: Promise<void> | undefined;
    fx.onPost = (message: HostToWebview) => {
      if (message.type === 'chat/done' && !acted) acted = act();
    };
    return async () => {
      assert.ok(acted, 'the answer was shown done');
      await acted;
    };
  }

  it('switches to the earlier version instead of dropping the switch', async () => {
    for (const question of ['first question', 'second question']) await chat.send(question);
    const original = (await chat.viewState()).conversation.messages;
    const second = original[2];
    assert.equal(second?.text, 'second question');

    const switched = onceDone(() => chat.switchBranch(second.id));
    await chat.edit(second.id, 'second question, edited');
    await switched();

    const shown = fx.of('conversation/show').at(-1)?.conversation.messages ?? [];
    assert.deepEqual(
      shown.map((m) => m.text),
      original.map((m) => m.text),
      'the original path is shown',
    );
    const reloaded = (await fx.session().viewState()).conversation.messages;
    assert.equal(reloaded[2]?.text, 'second question', 'and saved as the version shown');
  });

  it('keeps a message sent while the answer still streams in the message box, not dropped', async () => {
    sim.configure({ fault: { kind: 'longAnswer', deltas: 3000 } });
    const streaming = chat.send('first question');
    await fx.waitFor('chat/delta');
    await chat.send('a question from Send Selection');
    assert.equal(fx.of('draft/set').at(-1)?.text, 'a question from Send Selection');
    chat.cancel();
    await streaming;
    const asked = sim.requests.map((r) => (r.json as { content?: unknown } | undefined)?.content);
    assert.deepEqual(
      asked.filter((c) => typeof c === 'string'),
      ['first question'],
      'nothing sent meanwhile',
    );
    const reloaded = await fx.session().viewState();
    assert.equal(reloaded.draft, 'a question from Send Selection', 'kept as the draft on reload');
  });

  it('sends the next message instead of ignoring it', async () => {
    await chat.send('first question');
    // Which answer's last save ends first is the machine's business; what counts is that no end
    // tells the status bar "connected" while an answer still streams in the chat.
    const endedWhileStreaming: string[] = [];
    fx.onStatus = (state) => {
      if (state !== 'streaming' && chat.isStreaming()) endedWhileStreaming.push(state);
    };
    const sent = onceDone(() => chat.send('the next question'));
    await chat.send('second question');
    await sent();

    const asked = sim.requests.map((r) => (r.json as { content?: unknown } | undefined)?.content);
    assert.deepEqual(
      asked.filter((c) => typeof c === 'string'),
      ['first question', 'second question', 'the next question'],
    );
    const texts = (await fx.session().viewState()).conversation.messages.map((m) => m.text);
    assert.equal(texts.at(-2), 'the next question', 'its exchange is saved');
    assert.deepEqual(
      endedWhileStreaming,
      [],
      'the earlier answer ending does not end the status bar\'s "streaming" for the next',
    );
    assert.equal(fx.statuses.at(-1)?.state, 'connected', 'and it shows connected once both ended');
  });
});
