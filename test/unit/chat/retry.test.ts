import * as assert from 'node:assert/strict';
import { allMessages } from '../../../src/chat/branches';
import type { Simulator } from '../../simulator/types';
import { useChatFixture } from './useChatFixture';

const STREAM_PATH = /^\/api\/v1\/conversations\/([^/]+)\/messages\/stream$/;

interface StreamedMessage {
  conversationId: string;
  content: string;
}

/** The server conversation and text of each streamed question, oldest first. */
function streamedMessages(sim: Simulator): StreamedMessage[] {
  return sim.requests.flatMap((r) => {
    const match = STREAM_PATH.exec(r.path);
    const content = (r.json as { content?: unknown } | undefined)?.content;
    return match?.[1] && typeof content === 'string' ? [{ conversationId: match[1], content }] : [];
  });
}

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
    assert.ok(
      stopped && stopped.status === 'stopped',
      `the answer was stopped: ${stopped?.status}`,
    );
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

// design.md section 5: nothing already received is lost. Retry under an answer cut part-way used
// to remove the exchange and ask again, so when the retry failed too, the text the user could
// read was gone for good. Now such an answer is kept as an earlier version, as Regenerate keeps
// one (`< 1 / 2 >`); an answer with no text is still replaced, leaving no empty versions.
describe('Retry after an answer cut mid-stream', function () {
  this.timeout(30_000);
  const harness = useChatFixture({ tokenDelayMs: 1, selectTwin: true });

  const streamed = (): StreamedMessage[] => streamedMessages(harness().sim);

  it('keeps the text that had arrived when the retry fails as well', async () => {
    const { sim, chat } = harness();
    sim.configure({
      fault: { kind: 'resetMidStream', afterDeltas: 3 },
      faultOnce: true,
      faultMatch: '/stream',
    });
    await chat.send('a long question');
    const cut = chat.conversationNow().messages[1];
    assert.ok(cut && cut.status === 'error', `the answer failed: ${cut?.status}`);
    assert.ok(cut.text.length > 0, 'part of the answer arrived and is shown');
    const partial = cut.text;
    assert.ok(cut.error?.actions.includes('retry'), 'the view offers Retry under it');

    sim.configure({
      fault: { kind: 'httpError', status: 503 },
      faultOnce: true,
      faultMatch: '/stream',
    });
    await chat.retry(cut.id);
    const all = allMessages(chat.conversationNow());
    assert.equal(chat.conversationNow().messages.at(-1)?.status, 'error', 'the retry failed too');
    assert.ok(
      all.some((m) => m.role === 'assistant' && m.text.includes(partial)),
      'the partial answer that had arrived is nowhere in the conversation any more',
    );
  });

  it('makes the cut answer an earlier version on a server conversation of its own; an empty failure is replaced', async () => {
    const { sim, chat } = harness();
    await chat.send('first question');
    const originalId = streamed()[0]?.conversationId;
    assert.ok(originalId);
    sim.configure({
      fault: { kind: 'resetMidStream', afterDeltas: 3 },
      faultOnce: true,
      faultMatch: '/stream',
    });
    await chat.send('second question');
    const [, , question, cut] = chat.conversationNow().messages;
    assert.ok(question && cut && cut.status === 'error' && cut.text.length > 0);
    const partial = cut.text;

    sim.configure({
      fault: { kind: 'httpError', status: 503 },
      faultOnce: true,
      faultMatch: '/stream',
    });
    await chat.retry(cut.id);
    const failed = (await chat.viewState()).conversation.messages;
    assert.equal(failed.length, 4);
    assert.equal(failed[3]?.status, 'error');
    assert.equal(failed[3]?.text, '', 'the retry failed before any text');
    assert.deepEqual(failed[2]?.siblingIds, [question.id, failed[2]?.id], 'two versions');

    // Nothing arrived in the failed retry: Retry replaces it, and makes no third version.
    await chat.retry(failed[3]?.id ?? '');
    const done = (await chat.viewState()).conversation.messages;
    assert.deepEqual(
      done.map((m) => (m.role === 'user' ? m.text : m.status)),
      ['first question', 'complete', 'second question', 'complete'],
    );
    assert.equal(done[2]?.siblingIds?.length, 2, 'still two versions');
    const [, , retried, again] = streamed();
    assert.ok(retried && again);
    assert.equal(again.conversationId, retried.conversationId, 'the same one, asked again');
    for (const sent of [retried, again]) {
      assert.notEqual(sent.conversationId, originalId, 'a server conversation of its own');
      assert.match(
        sent.content,
        /User: first question[\s\S]*\n\nThe new message:\nsecond question$/,
      );
    }

    await chat.switchBranch(question.id);
    const back = (await chat.viewState()).conversation.messages;
    assert.equal(back[3]?.id, cut.id, 'the cut answer, as it was');
    assert.equal(back[3]?.text, partial);
    assert.equal(back[3]?.status, 'error');
  });
});

// A branch's server conversation knows nothing of the turns before it, so its first question
// carries them. TwinExpert names the branch's conversation before the question is sent, so when
// that request failed, Retry used to send the bare question to an empty server conversation.
describe('Retry of a branch’s first answer that failed before any text', function () {
  this.timeout(30_000);
  const harness = useChatFixture({ tokenDelayMs: 1, selectTwin: true });

  it('tells the branch’s server conversation the earlier turns again', async () => {
    const { sim, chat } = harness();
    await chat.send('first question');
    await chat.send('second question');
    const second = chat.conversationNow().messages[2];
    assert.ok(second);
    sim.configure({
      fault: { kind: 'httpError', status: 503 },
      faultOnce: true,
      faultMatch: '/stream',
    });
    await chat.edit(second.id, 'second question, better put');
    const failed = chat.conversationNow().messages;
    assert.equal(failed.at(-1)?.status, 'error');
    assert.equal(failed.at(-1)?.text, '');
    assert.ok(
      failed.at(-2)?.branch?.remoteId,
      'the server named the branch before the request failed',
    );

    await chat.retry(failed.at(-1)?.id ?? '');

    assert.equal(chat.conversationNow().messages.at(-1)?.status, 'complete');
    const [edited, retried] = streamedMessages(sim).slice(-2);
    assert.ok(edited && retried);
    assert.equal(
      retried.conversationId,
      edited.conversationId,
      'the branch’s own server conversation',
    );
    assert.match(
      retried.content,
      /User: first question[\s\S]*\n\nThe new message:\nsecond question, better put$/,
    );
  });
});
