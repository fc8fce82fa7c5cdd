import * as assert from 'node:assert/strict';
import { eventually } from '../../harness/eventually';
import { startSimulator, type Simulator } from '../../simulator/server';
import {
  ParticipantFixture,
  RecordingStream,
  TestToken,
  conversationIdOf,
  fileReference,
  historyOf,
  request,
} from './participantFixture';
import type { CancellationToken, ChatContext, ChatResult } from 'vscode';

// @twin and Twin Chat's own chats share one store and one set of answers (src/twinChat.ts wires
// the participant to ChatSessions). An answer @twin streams is one of the chats' answers: a chat
// that opens its conversation meanwhile shows it arriving in the same object, never a disk copy
// marked interrupted whose later save would lose the answer; a chat already showing it is told of
// the exchange and sends nothing over it; and @twin sends nothing over a chat's answer.
describe('@twin answering into a conversation a Twin Chat chat shows', function () {
  this.timeout(30_000);
  let sim: Simulator;
  let fx: ParticipantFixture;
  before(async () => {
    sim = await startSimulator({ port: 0, tokenDelayMs: 2 });
  });
  after(() => sim.stop());
  beforeEach(async () => {
    sim.reset();
    fx = new ParticipantFixture(sim);
    await fx.select('twinexpert');
    await fx.sidebar.shared.refreshTargets();
  });
  afterEach(() => fx.dispose());

  function ask(
    prompt: string,
    history: ChatContext['history'],
    stream: RecordingStream,
  ): Promise<ChatResult> {
    const token = new TestToken().token as unknown as CancellationToken;
    return fx.participant.handle(request(prompt), { history }, stream.stream, token);
  }

  it('keeps the @twin answer when the conversation is opened and continued in Twin Chat meanwhile', async () => {
    const chat = fx.sidebar; // any chat surface behaves the same
    sim.configure({ fault: { kind: 'longAnswer', deltas: 400 } });
    const stream = new RecordingStream();
    const asking = ask('asked with @twin', [], stream);
    await eventually(() => stream.markdownParts().length > 3, '@twin answer under way');
    // Its first save is not awaited: the answer need not wait for the disk.
    await eventually(async () => (await fx.store.list()).length > 0, 'in Twin Chat history');
    const [listed] = await fx.store.list();
    assert.ok(listed);

    await chat.open(listed.id); // the user clicks it in Twin Chat's history mid-answer
    const shown = fx.chat.of('conversation/show').at(-1);
    const shownAnswer = shown?.conversation.messages.at(-1);
    const result = await asking;
    assert.equal(result.errorDetails, undefined, 'the @twin answer completed');

    await chat.send('a follow-up typed in Twin Chat');
    const onDisk = await fx.store.load(listed.id);
    const twinAnswer = onDisk?.messages[1];
    assert.deepEqual(
      {
        shownWhileStreaming:
          shown?.activeRequest !== undefined || shownAnswer?.status === 'streaming',
        savedStatus: twinAnswer?.status,
        savedWhole: twinAnswer?.text === stream.text(),
        followUpSaved: onDisk?.messages.length === 4,
      },
      { shownWhileStreaming: true, savedStatus: 'complete', savedWhole: true, followUpSaved: true },
      `Twin Chat showed the running answer as ${shownAnswer?.status}; on disk it is ` +
        `${twinAnswer?.status} with ${twinAnswer?.text.length} of ${stream.text().length} characters`,
    );
  });

  it('a chat showing the conversation learns of the @twin answer and does not answer over it', async () => {
    const chat = fx.sidebar;
    const first = await ask('first, with @twin', [], new RecordingStream());
    const id = conversationIdOf(first);
    await chat.open(id); // Twin Chat shows it
    sim.configure({ fault: { kind: 'longAnswer', deltas: 400 } });
    const stream = new RecordingStream();
    const asking = ask('second, with @twin', historyOf(first), stream);
    await eventually(() => stream.markdownParts().length > 3, '@twin answer under way');
    const streamingInChat = chat.isStreaming();
    const toldOfIt = fx.chat
      .of('chat/started')
      .some((m) => m.userMessage.text === 'second, with @twin');
    await chat.send('typed in Twin Chat while @twin answers');
    await asking;
    const saved = await fx.store.load(id);
    const questions = saved?.messages.filter((m) => m.role === 'user').map((m) => m.text);
    assert.deepEqual(
      { streamingInChat, toldOfIt, questions },
      {
        streamingInChat: true,
        toldOfIt: true,
        questions: ['first, with @twin', 'second, with @twin'],
      },
      "Twin Chat's view of the conversation must show the @twin answer streaming into it, " +
        'and keep a message typed meanwhile for later',
    );
    assert.equal(
      fx.chat.of('draft/set').at(-1)?.text,
      'typed in Twin Chat while @twin answers',
      'kept in the message box',
    );
    assert.equal(saved?.messages.at(-1)?.text, stream.text(), 'the Chat view got the whole answer');
  });

  it('answers into the copy a chat opened while @twin checked the attachments', async () => {
    const chat = fx.sidebar;
    const first = await ask('first, with @twin', [], new RecordingStream());
    const id = conversationIdOf(first);
    fx.whileChecking = () => chat.open(id); // @twin has read the conversation already
    const file = fx.tempFile('notes.txt', 'some notes');
    const stream = new RecordingStream();
    const token = new TestToken().token as unknown as CancellationToken;
    const second = request('second, with @twin', { references: [fileReference(file)] });
    await fx.participant.handle(second, { history: historyOf(first) }, stream.stream, token);
    assert.equal(
      (await chat.viewState()).conversation.messages.length,
      4,
      'the chat shows the second exchange',
    );

    await chat.send('a follow-up typed in Twin Chat');
    const saved = await fx.store.load(id);
    assert.deepEqual(
      saved?.messages.filter((m) => m.role === 'user').map((m) => m.text),
      ['first, with @twin', 'second, with @twin', 'a follow-up typed in Twin Chat'],
      "the chat's save kept @twin's exchange",
    );
  });

  it('refuses to answer over an answer Twin Chat streams into the conversation', async () => {
    const chat = fx.sidebar;
    const first = await ask('first, with @twin', [], new RecordingStream());
    await chat.open(conversationIdOf(first));
    sim.configure({ fault: { kind: 'longAnswer', deltas: 400 } });
    const sending = chat.send('asked in Twin Chat');
    await eventually(() => fx.chat.of('chat/delta').length > 0, "Twin Chat's answer under way");

    const refused = await ask('second, with @twin', historyOf(first), new RecordingStream());
    assert.match(refused.errorDetails?.message ?? '', /still answering in this conversation/);
    await sending;
    const saved = await fx.store.load(conversationIdOf(first));
    assert.deepEqual(
      saved?.messages.map((m) => [m.role, m.status]),
      [
        ['user', 'complete'],
        ['assistant', 'complete'],
        ['user', 'complete'],
        ['assistant', 'complete'],
      ],
    );
  });
});
