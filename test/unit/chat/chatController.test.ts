import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { ChatSession } from '../../../src/chat/chatSession';
import { eventually } from '../../harness/eventually';
import type { Simulator } from '../../simulator/server';
import { ChatFixture, DEMO_BOT } from './chatFixture';
import { selectFirstTwin as selectTwin, useChatFixture } from './useChatFixture';

describe('chat controller against the simulator', function () {
  this.timeout(30_000);
  const harness = useChatFixture({ tokenDelayMs: 1 });
  let sim: Simulator;
  let fx: ChatFixture;
  let chat: ChatSession;
  beforeEach(() => ({ sim, fx, chat } = harness()));

  const selectFirstTwin = () => selectTwin(chat);

  it('lists twins and configured bots, and remembers the choice', async () => {
    const view = chat.targetsView();
    assert.ok(view.targets.some((t) => t.provider === 'twinexpert'));
    assert.ok(view.targets.some((t) => t.key === `kamimind:${DEMO_BOT.id}`));
    const key = await selectFirstTwin();
    assert.equal(fx.state.get('twinChat.selectedTarget'), key);
  });

  it('streams an answer: started, coalesced deltas, done with the full text, saved to disk', async () => {
    await selectFirstTwin();
    await chat.send('What is a closure?');
    const started = fx.of('chat/started')[0];
    const done = fx.of('chat/done')[0];
    assert.ok(started && done);
    // The conversation was new: the view learns who answers from this message.
    const twin = chat.targetsView().targets.find((t) => t.key === chat.targetsView().selectedKey);
    assert.equal(started.answerer, twin?.label);
    assert.equal(done.message.status, 'complete');
    assert.match(done.message.text, /closure/);
    const streamed = fx
      .of('chat/delta')
      .map((d) => d.text)
      .join('');
    assert.equal(streamed, done.message.text);
    const saved = await fx.session().viewState();
    assert.equal(saved.conversation.messages.at(-1)?.text, done.message.text);
    assert.ok(sim.requests.some((r) => /\/conversations\/[^/]+\/messages\/stream$/.test(r.path)));
  });

  it('coalesces thousands of deltas into far fewer view messages, losing nothing', async () => {
    await selectFirstTwin();
    sim.configure({ fault: { kind: 'longAnswer', deltas: 3000 }, tokenDelayMs: 0 });
    await chat.send('long please');
    const done = fx.of('chat/done')[0];
    assert.ok(done);
    const deltas = fx.of('chat/delta');
    assert.ok(deltas.length < 1500, `${deltas.length} view messages for 3000 deltas`);
    assert.equal(deltas.map((d) => d.text).join(''), done.message.text);
  });

  it('Stop ends the request at once and keeps the partial answer, marked stopped', async () => {
    await selectFirstTwin();
    sim.configure({ fault: { kind: 'longAnswer', deltas: 5000 }, tokenDelayMs: 2 });
    const sending = chat.send('tell me everything');
    const started = await fx.waitFor('chat/started');
    await fx.waitFor('chat/delta');
    chat.cancel(started.requestId);
    await sending;
    const done = fx.of('chat/done')[0];
    assert.equal(done?.message.status, 'stopped');
    assert.ok(done.message.text.length > 0, 'partial text kept');
    assert.equal(fx.of('chat/error').length, 0);
  });

  it('a window closing mid-answer keeps it as interrupted with Retry, not as stopped', async () => {
    await selectFirstTwin();
    sim.configure({ fault: { kind: 'longAnswer', deltas: 5000 }, tokenDelayMs: 2 });
    const sending = chat.send('tell me everything');
    await fx.waitFor('chat/delta');
    await chat.shared.shutdown();
    await sending;
    const reopened = await fx.session().viewState();
    const answer = reopened.conversation.messages.at(-1);
    assert.equal(answer?.status, 'interrupted');
    assert.ok(answer.text.length > 0, 'partial text kept');
  });

  it('shows a 429 with its Retry-After, and Retry sends the same message again', async () => {
    await selectFirstTwin();
    sim.configure({
      fault: { kind: 'rateLimit', retryAfter: 'seconds', seconds: 7 },
      faultOnce: true,
    });
    await chat.send('rate me');
    const failed = fx.of('chat/error')[0];
    assert.ok(failed);
    assert.equal(failed.message.error?.kind, 'rateLimited');
    assert.equal(failed.message.error?.retryAfterSeconds, 7);
    assert.ok(failed.message.error?.actions.includes('retry'));
    await chat.retry(failed.message.id);
    const done = fx.of('chat/done').at(-1);
    assert.equal(done?.message.status, 'complete');
    const state = await chat.viewState();
    assert.deepEqual(
      state.conversation.messages.map((m) => [m.role, m.status]),
      [
        ['user', 'complete'],
        ['assistant', 'complete'],
      ],
    );
    assert.match(state.conversation.messages[0]?.text ?? '', /rate me/);
  });

  it('after a crash mid-stream, the answer comes back interrupted and the conversation continues on the same server conversation', async () => {
    await selectFirstTwin();
    sim.configure({ fault: { kind: 'longAnswer', deltas: 4000 }, tokenDelayMs: 2 });
    const sending = chat.send('first question');
    const started = await fx.waitFor('chat/started');
    // Wait for a checkpoint that already holds part of the answer, then copy the disk as a crash would leave it.
    const crashDir = fs.mkdtempSync(path.join(os.tmpdir(), 'twin-chat-crash-'));
    // Checkpoints after the first append the answer's new text to the conversation's journal.
    const copiedMidAnswer = (): boolean => {
      const files = fs.readdirSync(fx.dir).filter((f) => f.endsWith('.journal'));
      const text = files[0] ? fs.readFileSync(path.join(fx.dir, files[0]), 'utf8') : '';
      const answer = [...text.matchAll(/"text":"([^"]*)"/g)].map((m) => m[1]).join('');
      if (answer.length < 20) return false;
      fs.cpSync(fx.dir, crashDir, { recursive: true });
      return true;
    };
    await eventually(copiedMidAnswer, 'a checkpoint holding part of the answer');
    chat.cancel(started.requestId);
    await sending;
    sim.configure({ fault: undefined, tokenDelayMs: 1 });

    const restarted = fx.session(crashDir);
    const state = await restarted.viewState();
    const last = state.conversation.messages.at(-1);
    assert.equal(last?.status, 'interrupted');
    assert.ok((last?.text.length ?? 0) >= 20, 'the checkpointed partial answer is back');
    const streamPaths = () =>
      sim.requests.filter((r) => r.path.endsWith('/messages/stream')).map((r) => r.path);
    const firstPath = streamPaths()[0];

    await restarted.send('second question');
    assert.equal(streamPaths().at(-1), firstPath, 'the same TwinExpert conversation id');
    fs.rmSync(crashDir, { recursive: true, force: true });
  });

  it('sends KamiMind attachments as real uploads and continues the same story', async () => {
    await chat.selectTarget(`kamimind:${DEMO_BOT.id}`);
    const file = path.join(fx.dir, 'data.bin');
    const bytes = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
    fs.writeFileSync(file, bytes);
    chat.queueAttachment({
      id: 'a1',
      name: 'data.bin',
      size: bytes.length,
      kind: 'file',
      path: file,
    });
    chat.queueAttachment({ id: 'a2', name: 'draft.ts', size: 5, kind: 'file', content: 'x = 1' });
    await chat.send('look at these');
    assert.equal(fx.of('chat/done')[0]?.message.status, 'complete');
    const sends = sim.requests.filter((r) => r.path === '/public/v1/response');
    const uploaded = sends[0]?.files ?? [];
    assert.deepEqual(
      uploaded.map((f) => [f.filename, f.size]),
      [
        ['data.bin', 256],
        ['draft.ts', 5],
      ],
    );
    assert.equal(uploaded[0]?.sha256, createHash('sha256').update(bytes).digest('hex'));
    await chat.send('and again');
    const second = sim.requests.filter((r) => r.path === '/public/v1/response')[1];
    assert.ok(second?.fields?.story_id, 'continues with a story id');
    assert.equal(sends[0]?.fields?.story_id ?? '', '');
  });

  it('inlines attached text for TwinExpert, which has no upload endpoint', async () => {
    await selectFirstTwin();
    chat.queueAttachment({
      id: 'a1',
      name: 'notes.md',
      size: 9,
      kind: 'file',
      content: 'has ```ticks',
    });
    await chat.send('read this');
    const body = sim.requests.find((r) => r.path.endsWith('/messages/stream'))?.json as {
      content?: string;
    };
    assert.match(body.content ?? '', /read this\n\nFile `notes.md`:\n````\nhas ```ticks\n````/);
  });

  it('tells the user to pick a target when none is selected', async () => {
    const empty = new ChatFixture(sim);
    const fresh = empty.session();
    await fresh.send('hello?');
    assert.match(empty.of('chat/error')[0]?.message.error?.message ?? '', /Choose a twin or bot/);
    await empty.dispose();
  });
});
