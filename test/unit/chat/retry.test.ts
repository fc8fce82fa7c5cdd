import * as assert from 'node:assert/strict';
import { allMessages } from '../../../src/chat/branches';
import { useChatFixture } from './useChatFixture';

// chat/retry comes from the page, which is untrusted: the view offers Retry only under an
// interrupted answer or a failed one whose error offers it (webview-ui/views/errorView.ts), so the
// host refuses it for any other answer. A stale or forged one naming a complete answer used to
// delete that answer for good and ask its question again at the end.
describe('chat/retry on an answer that did not fail', function () {
  this.timeout(30_000);
  const harness = useChatFixture({ tokenDelayMs: 1, selectTwin: true });

  it('is refused, and the complete answer is kept', async () => {
    const { sim, chat } = harness();
    await chat.send('first question');
    await chat.send('second question');
    const before = chat.conversationNow();
    const firstAnswer = before.messages[1];
    assert.ok(firstAnswer && firstAnswer.role === 'assistant' && firstAnswer.status === 'complete');
    const firstText = firstAnswer.text;
    const shape = before.messages.map((m) => m.id);
    const requests = sim.requests.length;

    await chat.retry(firstAnswer.id);

    const kept = allMessages(chat.conversationNow()).some((m) => m.id === firstAnswer.id);
    assert.ok(kept, `the complete answer "${firstText.slice(0, 40)}…" was deleted by a retry`);
    assert.deepEqual(
      chat.conversationNow().messages.map((m) => m.id),
      shape,
      'the transcript is as it was',
    );
    assert.equal(sim.requests.length, requests, 'nothing was asked again');
  });

  it('is refused for a stopped answer, which the view offers Regenerate for instead', async () => {
    const { sim, fx, chat } = harness();
    sim.configure({ fault: { kind: 'longAnswer', deltas: 5000 }, tokenDelayMs: 2 });
    const sending = chat.send('tell me everything');
    const started = await fx.waitFor('chat/started');
    await fx.waitFor('chat/delta');
    chat.cancel(started.requestId);
    await sending;
    const stopped = chat.conversationNow().messages[1];
    assert.ok(stopped && stopped.status === 'stopped', `the answer was stopped: ${stopped?.status}`);
    const shape = chat.conversationNow().messages.map((m) => [m.id, m.status]);
    const requests = sim.requests.length;

    await chat.retry(stopped.id);

    assert.deepEqual(
      chat.conversationNow().messages.map((m) => [m.id, m.status]),
      shape,
      'the stopped answer is kept where it was',
    );
    assert.equal(sim.requests.length, requests, 'nothing was asked again');
  });
});
