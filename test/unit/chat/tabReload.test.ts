import * as assert from 'node:assert/strict';
import { ChatSessions } from '../../../src/chat/chatSessions';
import type { ChatSession } from '../../../src/chat/chatSession';
import { restoredTabId } from '../../../src/chat/restoredTabId';
import { tabMemory } from '../../../src/chat/sessionMemory';
import type { HostToWebview } from '../../../src/shared/protocol';
import { eventually } from '../../harness/eventually';
import type { Simulator } from '../../simulator/server';
import { DEMO_BOT, type ChatFixture } from './chatFixture';
import { selectFirstTwin, useChatFixture } from './useChatFixture';

// A window reload with two editor tabs open, one of them mid-answer: the extension shuts down
// (deactivate), a new one starts over the same storage, and VS Code hands each tab back with its
// surface id. Each comes back with its conversation, target and draft; the cut-off answer comes
// back interrupted, with Retry, as in the sidebar.

describe('editor tabs across a window reload', function () {
  this.timeout(30_000);
  const harness = useChatFixture({ tokenDelayMs: 2, selectTwin: true });
  let sim: Simulator;
  let fx: ChatFixture;
  let sidebar: ChatSession;
  beforeEach(() => ({ sim, fx, chat: sidebar } = harness()));

  function openTab(sessions: ChatSessions, id: string, posted: HostToWebview[] = []): ChatSession {
    const surface = {
      id,
      post: (m: HostToWebview) => void posted.push(m),
      reveal: () => undefined,
    };
    return sessions.open(surface, tabMemory(fx.workspaceState, id));
  }

  it('brings each tab back with its conversation, target and draft; a cut-off answer as interrupted', async () => {
    const twinKey = await selectFirstTwin(sidebar);
    const botKey = `kamimind:${DEMO_BOT.id}`;
    const finished = openTab(sidebar.shared, 'tab-finished');
    await finished.selectTarget(botKey);
    await finished.send('answered before the reload');
    await finished.saveDraft('a follow-up, not sent yet');

    sim.configure({ fault: { kind: 'longAnswer', deltas: 2000 } });
    const posted: HostToWebview[] = [];
    const streaming = openTab(sidebar.shared, 'tab-streaming', posted);
    const sending = streaming.send('cut off by the reload');
    await eventually(() => posted.some((m) => m.type === 'chat/delta'), 'the answer under way');
    await streaming.saveDraft('typed while it streamed');
    await sidebar.shared.shutdown();
    await sending;

    const reloaded = new ChatSessions(fx.deps());
    const finishedAgain = await openTab(reloaded, 'tab-finished').viewState();
    const streamingAgain = await openTab(reloaded, 'tab-streaming').viewState();

    assert.equal(finishedAgain.conversation.id, finished.currentConversationId());
    assert.equal(finishedAgain.conversation.messages.at(-1)?.status, 'complete');
    assert.equal(finishedAgain.targets.selectedKey, botKey);
    assert.equal(finishedAgain.draft, 'a follow-up, not sent yet');

    assert.equal(streamingAgain.conversation.id, streaming.currentConversationId());
    const cut = streamingAgain.conversation.messages.at(-1);
    assert.equal(cut?.status, 'interrupted', 'the cut-off answer offers Retry');
    assert.ok((cut?.text.length ?? 0) > 0, 'with the part received before the reload');
    assert.equal(streamingAgain.activeRequest, undefined, 'nothing streams into it any more');
    assert.equal(streamingAgain.targets.selectedKey, twinKey);
    assert.equal(streamingAgain.draft, 'typed while it streamed');
  });

  it('a tab whose old webview closes only after its new one asked still gets its conversation', async () => {
    // The web workbench keeps the extension host across a reload: the old tab's session can
    // still be open when the new webview restores, and must hand the conversation over on close.
    const old = openTab(sidebar.shared, 'tab-late');
    await old.send('kept across the reload');
    const again = openTab(sidebar.shared, 'tab-late');
    assert.equal((await again.viewState()).conversation.messages.length, 0, 'shown elsewhere');
    sidebar.shared.close(old);
    await eventually(
      () => again.currentConversationId() === old.currentConversationId(),
      'the new tab taking the conversation over',
    );
  });

  /** What EditorChats does with a restored panel: the id its page saved goes through the host. */
  async function restoreTab(sessions: ChatSessions, savedId: string): Promise<ChatSession> {
    return openTab(sessions, await restoredTabId(sessions, fx.workspaceState, savedId));
  }

  it("a restored tab naming a live tab's id takes neither its conversation nor its record", async () => {
    const live = openTab(sidebar.shared, 'tab-live');
    await live.send('the live tab keeps this');
    await live.saveDraft('typed in the live tab');
    const kept = live.currentConversationId();

    const impostor = await restoreTab(sidebar.shared, 'tab-live');
    const shown = await impostor.viewState();
    assert.notEqual(shown.surfaceId, 'tab-live', 'the page is told a new id');
    assert.equal(shown.conversation.messages.length, 0);
    assert.equal(shown.draft, '', "the live tab's draft stays its own");
    await impostor.send('the restored tab starts its own conversation');

    assert.equal(live.currentConversationId(), kept);
    const record = tabMemory(fx.workspaceState, 'tab-live').read();
    assert.equal(record.conversationId, kept, 'a reload still brings the live tab back to it');
    assert.equal(record.draft, 'typed in the live tab');
  });

  it('a restored tab whose old webview is still open takes the conversation over when it closes', async () => {
    const old = openTab(sidebar.shared, 'tab-late');
    await old.send('kept across the reload');
    const again = await restoreTab(sidebar.shared, 'tab-late');
    sidebar.shared.close(old);
    await eventually(
      () => again.currentConversationId() === old.currentConversationId(),
      'the new tab taking the conversation over',
    );
    const id = again.surface.id ?? '';
    const record = tabMemory(fx.workspaceState, id).read();
    assert.equal(
      record.conversationId,
      old.currentConversationId(),
      'and keeps it for the next reload',
    );
  });
});
