import * as assert from 'node:assert/strict';
import type { ChatSession } from '../../../src/chat/chatSession';
import type { ViewState } from '../../../src/shared/protocol';
import { eventually } from '../../harness/eventually';
import type { Simulator } from '../../simulator/server';
import type { ChatFixture } from './chatFixture';
import { useChatFixture } from './useChatFixture';

// A view that loads while an answer streams gets the answer so far in state/init, then the rest
// as deltas: every character exactly once, however much text was waiting to be sent.

describe('a view that (re)loads mid-answer', function () {
  this.timeout(30_000);
  const harness = useChatFixture({ tokenDelayMs: 2, selectTwin: true });
  let sim: Simulator;
  let fx: ChatFixture;
  let chat: ChatSession;
  beforeEach(() => ({ sim, fx, chat } = harness()));

  const streamedText = (from = 0) =>
    fx.posted
      .slice(from)
      .flatMap((m) => (m.type === 'chat/delta' ? [m.text] : []))
      .join('');
  const answerIn = (state: ViewState) => state.conversation.messages.at(-1)?.text ?? '';

  it('shows text that was waiting to be sent once, in state/init, not again as a delta', async () => {
    sim.configure({ fault: { kind: 'longAnswer', deltas: 400 } });
    fx.viewBusy = true; // deltas pile up behind the message on its way
    const sending = chat.send('long please');
    let snapshot: ViewState | undefined;
    let postedBefore = 0;
    await eventually(async () => {
      await chat.postViewState();
      postedBefore = fx.posted.length;
      const init = fx.posted.at(-1);
      snapshot = init?.type === 'state/init' ? init.state : undefined;
      // Text is waiting when the answer holds more than every delta sent so far.
      return !!snapshot && answerIn(snapshot).length > streamedText().length;
    }, 'text held back while the view is busy');
    assert.ok(snapshot?.activeRequest, 'the answer is still streaming in the snapshot');
    fx.viewBusy = false;
    await sending;
    const done = fx.of('chat/done')[0];
    assert.ok(done, 'the answer finished');
    assert.equal(answerIn(snapshot) + streamedText(postedBefore), done.message.text);
  });
});
