import * as assert from 'node:assert/strict';
import type { ChatSession } from '../../../src/chat/chatSession';
import { ConversationStore } from '../../../src/chat/conversationStore';
import { eventually } from '../../harness/eventually';
import type { ConversationView, MessageView } from '../../../src/shared/protocol';
import type { RecordedRequest, Simulator } from '../../simulator/types';
import type { ChatFixture } from './chatFixture';
import { useChatFixture } from './useChatFixture';

const STREAM_PATH = /^\/api\/v1\/conversations\/([^/]+)\/messages\/stream$/;

/** What the simulator was asked in each streamed message: its server conversation and text. */
function streamedMessages(sim: Simulator): { conversationId: string; content: string }[] {
  return sim.requests.flatMap((r: RecordedRequest) => {
    const match = STREAM_PATH.exec(r.path);
    const content = (r.json as { content?: unknown } | undefined)?.content;
    return match?.[1] && typeof content === 'string' ? [{ conversationId: match[1], content }] : [];
  });
}

function lastShown(fx: ChatFixture): ConversationView {
  const shown = fx.of('conversation/show').at(-1);
  assert.ok(shown, 'a conversation was shown');
  return shown.conversation;
}

function texts(messages: MessageView[]): string[] {
  return messages.map((m) => (m.role === 'user' ? m.text : `answer:${m.status}`));
}

describe('branches: edit, regenerate, switch, against the simulator', function () {
  this.timeout(30_000);
  const harness = useChatFixture({ tokenDelayMs: 1, selectTwin: true });
  let sim: Simulator;
  let fx: ChatFixture;
  let chat: ChatSession;
  beforeEach(() => ({ sim, fx, chat } = harness()));

  async function threeTurns(): Promise<ConversationView> {
    for (const question of ['first question', 'second question', 'third question'])
      await chat.send(question);
    return (await chat.viewState()).conversation;
  }

  it('editing message 2 of 3 opens a second server conversation that is told turn 1', async () => {
    const before = await threeTurns();
    const original = streamedMessages(sim);
    const originalId = original[0]?.conversationId;
    assert.ok(originalId && original.every((m) => m.conversationId === originalId));
    const second = before.messages[2];
    assert.equal(second?.text, 'second question');

    await chat.edit(second.id, 'second question, better put');

    const sent = streamedMessages(sim).at(-1);
    assert.ok(sent);
    assert.notEqual(sent.conversationId, originalId, 'a new server conversation');
    const [preamble = '', question] = sent.content.split('\n\nThe new message:\n');
    assert.equal(question, 'second question, better put');
    assert.match(preamble, /<earlier-conversation>\nUser: first question\n\nAssistant: \S/);
    assert.match(preamble, /<\/earlier-conversation>$/);
    assert.doesNotMatch(preamble, /second question|third question|left out/);
    const first = before.messages[1]?.text ?? '';
    assert.ok(preamble.includes(first.trim()), 'the first answer is in the preamble');

    const view = (await chat.viewState()).conversation;
    assert.deepEqual(texts(view.messages), [
      'first question',
      'answer:complete',
      'second question, better put',
      'answer:complete',
    ]);
    const edited = view.messages[2];
    assert.deepEqual(edited?.siblingIds, [second.id, edited?.id]);
    assert.deepEqual(edited?.branch, { of: 'second question', sentTurns: 1, droppedTurns: 0 });

    // The original branch still continues its own server conversation.
    await chat.switchBranch(second.id);
    await chat.send('fourth, on the original');
    assert.equal(streamedMessages(sim).at(-1)?.conversationId, originalId);
    assert.equal(streamedMessages(sim).at(-1)?.content, 'fourth, on the original');
  });

  it('keeps both branches, and the one shown, across a reload; each continues its own server conversation', async () => {
    const before = await threeTurns();
    const originalId = streamedMessages(sim)[0]?.conversationId;
    const second = before.messages[2];
    assert.ok(second && originalId);
    await chat.edit(second.id, 'edited second');
    const branchId = streamedMessages(sim).at(-1)?.conversationId;
    await chat.switchBranch(second.id);

    const reloaded = fx.session();
    const original = (await reloaded.viewState()).conversation;
    assert.deepEqual(texts(original.messages), texts(before.messages), 'the original path, whole');
    const [, , shownSecond] = original.messages;
    const editedId = shownSecond?.siblingIds?.[1];
    assert.ok(editedId, 'the switcher survives the reload');

    await reloaded.switchBranch(editedId);
    const branch = (await fx.session().viewState()).conversation;
    assert.deepEqual(texts(branch.messages).slice(2), ['edited second', 'answer:complete']);

    await reloaded.send('follow-up in the branch');
    const followUp = streamedMessages(sim).at(-1);
    assert.equal(followUp?.conversationId, branchId);
    assert.equal(
      followUp?.content,
      'follow-up in the branch',
      'no preamble once the branch exists',
    );
    await reloaded.switchBranch(second.id);
    await reloaded.send('follow-up in the original');
    assert.equal(streamedMessages(sim).at(-1)?.conversationId, originalId);
  });

  it('writes the branch’s server conversation to disk as soon as the server names it, mid-answer', async () => {
    await chat.send('first question');
    const question = (await chat.viewState()).conversation.messages[0];
    assert.ok(question);
    sim.configure({ fault: { kind: 'longAnswer', deltas: 3000 }, tokenDelayMs: 2 });
    const editing = chat.edit(question.id, 'first question, edited');
    const live = await chat.shared.find(chat.currentConversationId());
    const branchStart = live?.messages.at(-2);
    await eventually(() => branchStart?.branch?.remoteId !== undefined, 'the branch named');
    await eventually(() => fx.of('chat/delta').length > 3, 'the answer under way');
    await chat.shared.deps.store.flush();
    const onDisk = await new ConversationStore(fx.dir, () => undefined).load(
      chat.currentConversationId(),
    );
    chat.cancel();
    await editing;
    assert.equal(onDisk?.messages.at(-2)?.branch?.remoteId, branchStart?.branch?.remoteId);
  });

  it('regenerates an answer after Stop as a new branch; the stopped answer is kept beside it', async () => {
    await chat.send('first question');
    fx.posted.length = 0;
    sim.configure({ fault: { kind: 'longAnswer', deltas: 5000 }, tokenDelayMs: 2 });
    const sending = chat.send('tell me everything');
    const started = await fx.waitFor('chat/started');
    await fx.waitFor('chat/delta');
    chat.cancel(started.requestId);
    await sending;
    const stopped = (await chat.viewState()).conversation.messages;
    assert.equal(stopped.at(-1)?.status, 'stopped');
    const stoppedAnswer = stopped.at(-1);
    assert.ok(stoppedAnswer);
    const originalId = streamedMessages(sim)[0]?.conversationId;

    sim.configure({ fault: undefined, tokenDelayMs: 1 });
    await chat.regenerate(stoppedAnswer.id);

    const sent = streamedMessages(sim).at(-1);
    assert.notEqual(sent?.conversationId, originalId);
    assert.match(
      sent?.content ?? '',
      /User: first question[\s\S]*\n\nThe new message:\ntell me everything$/,
    );
    const view = (await chat.viewState()).conversation.messages;
    assert.equal(view.at(-1)?.status, 'complete');
    const question = view.at(-2);
    assert.equal(question?.siblingIds?.length, 2);
    await chat.switchBranch(question?.siblingIds?.[0] ?? '');
    const back = (await chat.viewState()).conversation.messages;
    assert.equal(back.at(-1)?.id, stoppedAnswer.id, 'the stopped answer, text and all');
    assert.equal(back.at(-1)?.text, stoppedAnswer.text);
  });

  it('caps the preamble, dropping the oldest turns, and says how many it dropped', async () => {
    const long = (n: number) => `question ${n} ${'x'.repeat(2_900)}`;
    for (let n = 1; n <= 5; n++) await chat.send(long(n));
    const last = (await chat.viewState()).conversation.messages.at(-2);
    assert.ok(last);
    await chat.edit(last.id, 'short edit');

    const content = streamedMessages(sim).at(-1)?.content ?? '';
    const [preamble = ''] = content.split('\n\nThe new message:\n');
    assert.ok(preamble.length <= 12_000, `${preamble.length} characters of preamble`);
    const view = (await chat.viewState()).conversation.messages;
    const marker = view.at(-2)?.branch;
    assert.ok(marker && marker.droppedTurns > 0 && marker.sentTurns > 0);
    assert.equal(marker.sentTurns + marker.droppedTurns, 4);
    const plural = marker.droppedTurns === 1 ? 'turn was' : 'turns were';
    assert.ok(preamble.startsWith(`The conversation so far`));
    assert.ok(preamble.includes(`${marker.droppedTurns} older ${plural} left out.`));
    assert.ok(preamble.includes('question 4 '), 'the newest turn is kept');
    assert.ok(!preamble.includes('question 1 '), 'the oldest turn is dropped');
  });

  it('deletes one exchange locally; what followed it stays in the tree, reachable by the switcher', async () => {
    const before = await threeTurns();
    const requests = sim.requests.length;
    await chat.deleteExchange(before.messages[3]?.id ?? '');
    assert.equal(sim.requests.length, requests, 'nothing is asked of the server');
    const third = before.messages[4];
    assert.ok(third);
    assert.deepEqual(texts((await fx.session().viewState()).conversation.messages), [
      'first question',
      'answer:complete',
      'third question',
      'answer:complete',
    ]);
    assert.equal(lastShown(fx).messages.length, 4);
    await chat.edit(third.id, 'third, edited');
    await chat.switchBranch(third.id);
    assert.deepEqual(
      texts((await fx.session().viewState()).conversation.messages),
      ['first question', 'answer:complete', 'third question', 'answer:complete'],
      'the path back to the kept version climbs over the deleted exchange',
    );
  });

  it('Copy and Copy Conversation take the visible path only', async () => {
    const before = await threeTurns();
    const second = before.messages[2];
    assert.ok(second);
    await chat.edit(second.id, 'edited second');
    const markdown = chat.conversationMarkdown() ?? '';
    assert.match(markdown, /edited second/);
    assert.doesNotMatch(markdown, /third question/, 'the hidden branch is not copied');
    const answer = (await chat.viewState()).conversation.messages.at(-1);
    assert.ok(answer && answer.text.length > 0);
    assert.equal(chat.messageMarkdown(answer.id), answer.text);
    assert.equal(chat.messageMarkdown(before.messages[4]?.id ?? ''), undefined, 'not shown');
  });
});
