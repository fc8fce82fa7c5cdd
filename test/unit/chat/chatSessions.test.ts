import * as assert from 'node:assert/strict';
import type { ChatSession } from '../../../src/chat/chatSession';
import { ChatSessions } from '../../../src/chat/chatSessions';
import type { ChatSurface } from '../../../src/chat/chatSurface';
import { tabMemory } from '../../../src/chat/sessionMemory';
import type { HostToWebview } from '../../../src/shared/protocol';
import { eventually } from '../../harness/eventually';
import type { Simulator } from '../../simulator/server';
import { DEMO_BOT, type ChatFixture } from './chatFixture';
import { selectFirstTwin, useChatFixture } from './useChatFixture';
import { ManualTimer } from './manualTimer';

// Several surfaces (the sidebar and editor tabs) over one ChatSessions: each shows its own
// conversation, answers stream independently, and a conversation is shown in one place at most.

interface Tab {
  session: ChatSession;
  posted: HostToWebview[];
  reveals: number;
}

const BOT_KEY = `kamimind:${DEMO_BOT.id}`;

describe('chat sessions: many surfaces, one owner', function () {
  this.timeout(30_000);
  const harness = useChatFixture({ tokenDelayMs: 2, selectTwin: true });
  let sim: Simulator;
  let fx: ChatFixture;
  let sidebar: ChatSession;
  beforeEach(() => ({ sim, fx, chat: sidebar } = harness()));

  function openTab(id: string): Tab {
    const tab: Tab = { session: undefined as never, posted: [], reveals: 0 };
    const surface: ChatSurface = {
      id,
      post: (message) => {
        tab.posted.push(message);
      },
      reveal: () => {
        tab.reveals++;
      },
    };
    tab.session = sidebar.shared.open(surface, tabMemory(fx.workspaceState, id));
    return tab;
  }

  const of = <T extends HostToWebview['type']>(posted: HostToWebview[], type: T) =>
    posted.filter((m): m is Extract<HostToWebview, { type: T }> => m.type === type);
  const streamed = (posted: HostToWebview[]) =>
    of(posted, 'chat/delta')
      .map((m) => m.text)
      .join('');
  const lastAnswer = (session: ChatSession) =>
    session.shared.find(session.currentConversationId()).then((c) => c?.messages.at(-1));

  it('streams two tabs at once, each surface getting only its own answer', async () => {
    const a = openTab('tab-a');
    const b = openTab('tab-b');
    const sending = [a.session.send('question from tab A'), b.session.send('question from tab B')];
    await eventually(
      () => sidebar.shared.streamingConversationIds().length === 2,
      'both answers streaming at the same time',
    );
    await Promise.all(sending);
    const [doneA, doneB] = [of(a.posted, 'chat/done')[0], of(b.posted, 'chat/done')[0]];
    assert.ok(doneA && doneB, 'both answers finished');
    assert.match(doneA.message.text, /question from tab A/);
    assert.match(doneB.message.text, /question from tab B/);
    assert.equal(streamed(a.posted), doneA.message.text, 'tab A got exactly its own text');
    assert.equal(streamed(b.posted), doneB.message.text, 'tab B got exactly its own text');
    assert.equal(fx.of('chat/delta').length, 0, 'the sidebar got neither');
  });

  it('Stop in one tab stops only that answer; the other completes', async () => {
    sim.configure({ fault: { kind: 'longAnswer', deltas: 1500 } });
    const a = openTab('tab-a');
    const b = openTab('tab-b');
    const sendingA = a.session.send('stop me');
    const sendingB = b.session.send('let me finish');
    await eventually(
      () => streamed(a.posted).length > 0 && streamed(b.posted).length > 0,
      'both answers under way',
    );
    const started = of(a.posted, 'chat/started')[0];
    assert.ok(started);
    a.session.cancel(started.requestId);
    await Promise.all([sendingA, sendingB]);
    assert.equal(of(a.posted, 'chat/done')[0]?.message.status, 'stopped');
    const doneB = of(b.posted, 'chat/done')[0];
    assert.equal(doneB?.message.status, 'complete');
    assert.match(doneB.message.text, /Đoạn 1499:/, 'tab B got its whole answer');
  });

  it('a rate limit in one tab leaves the answer in another alone', async () => {
    sim.configure({
      fault: { kind: 'rateLimit', retryAfter: 'seconds', seconds: 30 },
      faultMatch: '/messages/stream', // TwinExpert's stream only: the KamiMind bot is not limited
    });
    const twin = openTab('tab-twin');
    const bot = openTab('tab-bot');
    await bot.session.selectTarget(BOT_KEY);
    sim.configure({ tokenDelayMs: 20 }); // the bot's answer takes long enough to overlap
    const sending = [twin.session.send('twin, please'), bot.session.send('bot, please')];
    await eventually(() => of(twin.posted, 'chat/error').length > 0, "the twin's rate limit");
    assert.ok(bot.session.isStreaming(), "the bot's answer goes on after the twin's failure");
    await Promise.all(sending);
    const failed = of(twin.posted, 'chat/error')[0];
    assert.equal(failed?.message.error?.kind, 'rateLimited');
    assert.equal(of(bot.posted, 'chat/done')[0]?.message.status, 'complete');
    assert.equal(of(bot.posted, 'chat/error').length, 0);
  });

  it('shows a conversation in one place: opening it again brings that surface forward', async () => {
    const a = openTab('tab-a');
    await a.session.send('only here');
    const id = a.session.currentConversationId();
    const b = openTab('tab-b');
    await b.session.open(id);
    assert.equal(a.reveals, 1, 'tab A, which shows it, was brought forward');
    assert.notEqual(b.session.currentConversationId(), id, 'tab B did not open it a second time');
    assert.equal(sidebar.shared.showing(id), a.session);
  });

  it('keeps streaming into the saved conversation when its tab closes, and shows it truthfully', async () => {
    sim.configure({ fault: { kind: 'longAnswer', deltas: 800 } });
    const a = openTab('tab-a');
    const sending = a.session.send('closing my tab');
    const id = a.session.currentConversationId();
    await eventually(() => streamed(a.posted).length > 0, 'the answer under way');
    sidebar.shared.close(a.session);
    await sidebar.open(id);
    const shown = fx.of('conversation/show').at(-1);
    assert.ok(shown?.activeRequest, 'the sidebar shows the answer as still streaming');
    await sending;
    const answer = await lastAnswer(sidebar);
    assert.equal(answer?.status, 'complete');
    const done = fx.of('chat/done').at(-1);
    assert.equal(done?.message.text, answer?.text, 'the sidebar saw it finish');
    const saved = await fx.session().shared.find(id);
    assert.equal(saved?.messages.at(-1)?.status, 'complete', 'written to disk');
  });

  it('Open Chat in Editor moves the conversation, its draft and its streaming answer to the tab', async () => {
    sim.configure({ fault: { kind: 'longAnswer', deltas: 400 } });
    const sending = sidebar.send('moving');
    const id = sidebar.currentConversationId();
    await eventually(() => fx.of('chat/delta').length > 0, 'the answer under way');
    await sidebar.saveDraft('half a thought'); // typed while the answer streams
    const tab: Tab = { session: undefined as never, posted: [], reveals: 0 };
    const start = await sidebar.handOver();
    tab.session = sidebar.shared.open(
      { id: 'moved', post: (m) => void tab.posted.push(m), reveal: () => undefined },
      tabMemory(fx.workspaceState, 'moved'),
      start,
    );
    const deltasInSidebar = fx.of('chat/delta').length;
    await sending;
    assert.notEqual(sidebar.currentConversationId(), id, 'the sidebar shows a new chat');
    assert.equal(tab.session.currentConversationId(), id);
    assert.equal(fx.of('chat/delta').length, deltasInSidebar, 'the sidebar got no more of it');
    assert.ok(of(tab.posted, 'chat/done')[0], 'the tab saw the answer finish');
    const state = await tab.session.viewState();
    assert.equal(state.draft, 'half a thought');
    assert.equal(state.surfaceId, 'moved');
  });

  it('commands act on the focused or last-used surface', () => {
    const a = openTab('tab-a');
    assert.equal(sidebar.shared.active(), sidebar, 'the sidebar until another is used');
    sidebar.shared.focus(a.session);
    assert.equal(sidebar.shared.active(), a.session);
    sidebar.shared.close(a.session);
    assert.equal(sidebar.shared.active(), sidebar, 'back to the sidebar once the tab closed');
  });

  it('keeps each tab its own target, starting from the sidebar choice', async () => {
    const twinKey = await selectFirstTwin(sidebar);
    const a = openTab('tab-a');
    await a.session.selectTarget(BOT_KEY);
    assert.equal(a.session.targetsView().selectedKey, BOT_KEY);
    assert.equal(sidebar.targetsView().selectedKey, twinKey, 'the sidebar keeps its twin');
    assert.equal(openTab('tab-b').session.targetsView().selectedKey, twinKey);
  });

  it('marks history rows open while a surface shows them and streaming while an answer runs', async () => {
    sim.configure({ fault: { kind: 'longAnswer', deltas: 400 } });
    const earlier = openTab('tab-earlier');
    await earlier.session.send('finished earlier');
    const finishedId = earlier.session.currentConversationId();
    await earlier.session.newChat(); // no longer shown anywhere
    const a = openTab('tab-a');
    const sending = a.session.send('still answering');
    const id = a.session.currentConversationId();
    const rowOf = (conversationId: string) =>
      of(a.posted, 'conversations/update')
        .at(-1)
        ?.conversations.find((c) => c.id === conversationId);
    await eventually(() => rowOf(id)?.streaming === true, 'the row marked streaming');
    assert.equal(rowOf(id)?.open, true);
    assert.deepEqual(
      [rowOf(finishedId)?.open, rowOf(finishedId)?.streaming],
      [undefined, undefined],
    );
    await sending;
    await eventually(() => rowOf(id)?.streaming === undefined, 'the mark gone once it ended');
    assert.equal(rowOf(id)?.open, true, 'still shown in its tab');
  });

  it('has the status bar follow the focused chat', async () => {
    const shown: (string | undefined)[] = [];
    const sessions = new ChatSessions({
      ...fx.deps(),
      status: (target, state) => shown.push(`${target?.key} ${state}`),
    });
    await sessions.refreshTargets();
    const memory = (id: string) => tabMemory(fx.workspaceState, id);
    const surface = (id: string) => ({ id, post: () => undefined, reveal: () => undefined });
    const twinTab = sessions.open(surface('twin'), memory('twin'));
    const botTab = sessions.open(surface('bot'), memory('bot'));
    const twinKey = await selectFirstTwin(twinTab);
    await botTab.selectTarget(BOT_KEY);
    sessions.focus(botTab);
    assert.equal(shown.at(-1), `${BOT_KEY} connected`);
    sessions.focus(twinTab);
    assert.equal(shown.at(-1), `${twinKey} connected`);
    await botTab.send('while the twin tab has the focus');
    assert.equal(
      shown.at(-1),
      `${twinKey} connected`,
      'the unfocused bot tab did not take it over',
    );
  });

  it('sends every history list one update for answers that start together, and one when they end', async () => {
    sim.configure({ fault: { kind: 'longAnswer', deltas: 400 } });
    const timer = new ManualTimer();
    const sessions = new ChatSessions({ ...fx.deps(), historyTimer: timer });
    await sessions.refreshTargets();
    const tabs = ['a', 'b', 'c', 'd'].map((id) => {
      const posted: HostToWebview[] = [];
      const surface = {
        id,
        post: (m: HostToWebview) => void posted.push(m),
        reveal: () => undefined,
      };
      return { posted, session: sessions.open(surface, tabMemory(fx.workspaceState, id)) };
    });
    for (const tab of tabs) await selectFirstTwin(tab.session);
    const updates = (posted: HostToWebview[]) => of(posted, 'conversations/update');
    timer.fire(); // the tabs' opening
    await eventually(
      () => tabs.every((tab) => updates(tab.posted).length > 0),
      'the opening announced',
    );
    const before = tabs.map((tab) => updates(tab.posted).length);
    const sending = tabs.map((tab, k) => tab.session.send(`question ${k}`));
    // A conversation is listed once its first checkpoint is on disk, which the request does not
    // wait for: the announcement is due when all four are listed.
    const listedIds = async () => new Set((await sessions.deps.store.list()).map((c) => c.id));
    await eventually(
      async () =>
        sessions.streamingConversationIds().length === 4 &&
        timer.pending === 1 &&
        (await listedIds()).size === 4,
      'four answers streaming and saved, their starts announced',
    );
    await eventually(() => streamed(tabs[0]?.posted ?? []).length > 0, 'deltas arriving');
    assert.deepEqual(
      tabs.map((tab, k) => updates(tab.posted).length - (before[k] ?? 0)),
      [0, 0, 0, 0],
      'no list re-sent while the starts are gathered',
    );
    timer.fire();
    await eventually(
      () => tabs.every((tab, k) => updates(tab.posted).length === (before[k] ?? 0) + 1),
      'one update per list for the four starts',
    );
    const listed = updates(tabs[0]?.posted ?? []).at(-1)?.conversations ?? [];
    assert.equal(listed.filter((c) => c.streaming).length, 4, 'it marks all four streaming');
    await Promise.all(sending);
    assert.equal(timer.pending, 1, 'the four ends gathered into one announcement');
    timer.fire();
    await eventually(
      () => tabs.every((tab, k) => updates(tab.posted).length === (before[k] ?? 0) + 2),
      'one more update per list for the four ends',
    );
    const after = updates(tabs[0]?.posted ?? []).at(-1)?.conversations ?? [];
    assert.equal(after.filter((c) => c.streaming).length, 0, 'none streaming any more');

    const last = tabs[0]?.session.send('one more');
    await eventually(() => timer.pending === 1, 'its start waits to be announced');
    await sessions.shutdown();
    await last;
    assert.equal(timer.pending, 0, 'shutdown leaves no announcement waiting to run');
  });
});
