import * as assert from 'node:assert/strict';
import type { ChatSession } from '../../../src/chat/chatSession';
import type { ChatSessions } from '../../../src/chat/chatSessions';
import type { ChatSurface } from '../../../src/chat/chatSurface';
import { tabMemory } from '../../../src/chat/sessionMemory';
import { Targets } from '../../../src/chat/targets';
import type { HostToWebview } from '../../../src/shared/protocol';
import { DEMO_BOT, type ChatFixture } from './chatFixture';
import { useChatFixture } from './useChatFixture';

// A new editor tab (New Chat in Editor) that never picked a twin shows the sidebar's choice in its
// picker, and takes it as its own: when the sidebar's choice changes afterwards (the user picks
// another target there, opens a bot's conversation from its history, or @twin's /use), the tab's
// picker and where its next message goes stay together on the twin it showed. Across a reload too.

const BOT_KEY = `kamimind:${DEMO_BOT.id}`;

interface Tab {
  session: ChatSession;
  posted: HostToWebview[];
}

describe('a tab that never chose a target, when the sidebar changes its own', function () {
  this.timeout(30_000);
  const harness = useChatFixture({ tokenDelayMs: 1, selectTwin: true });
  let fx: ChatFixture;
  let sidebar: ChatSession;
  beforeEach(() => ({ fx, chat: sidebar } = harness()));

  function openTab(id: string, sessions: ChatSessions = sidebar.shared): Tab {
    const posted: HostToWebview[] = [];
    const surface: ChatSurface = { id, post: (m) => void posted.push(m), reveal: () => undefined };
    return { session: sessions.open(surface, tabMemory(fx.workspaceState, id)), posted };
  }

  /** What the tab's picker shows: its page's state/init, then any targets/update after it. */
  async function loadedTab(id: string, sessions?: ChatSessions) {
    const tab = openTab(id, sessions);
    const shownAtLoad = (await tab.session.viewState()).targets.selectedKey;
    const picker = () =>
      tab.posted
        .flatMap((m) => (m.type === 'targets/update' ? [m.targets.selectedKey] : []))
        .at(-1) ?? shownAtLoad;
    return { ...tab, shownAtLoad, picker };
  }

  async function sentTo(tab: Tab, text: string): Promise<string> {
    await tab.session.send(text);
    const target = (await tab.session.shared.find(tab.session.currentConversationId()))?.target;
    return `${target?.provider}:${target?.id}`;
  }

  it('sends to the target its picker shows when the sidebar picks another', async () => {
    const tab = await loadedTab('tab-new');
    assert.match(tab.shownAtLoad ?? '', /^twinexpert:/, 'the tab shows the sidebar twin');

    await sidebar.selectTarget(BOT_KEY); // the user switches the sidebar only

    assert.equal(tab.picker(), tab.shownAtLoad, "the tab's picker keeps the twin");
    assert.equal(await sentTo(tab, 'which twin answers me?'), tab.picker());
  });

  it("keeps its twin when the sidebar opens a bot's conversation from its history", async () => {
    const botTab = openTab('tab-bot');
    await botTab.session.selectTarget(BOT_KEY);
    await botTab.session.send('a conversation with the bot');
    const botConversation = botTab.session.currentConversationId();
    sidebar.shared.close(botTab.session);
    const tab = await loadedTab('tab-new');

    await sidebar.open(botConversation); // the sidebar now follows the bot

    assert.equal(sidebar.targetsView().selectedKey, BOT_KEY);
    assert.equal(tab.picker(), tab.shownAtLoad);
    assert.equal(await sentTo(tab, 'still the twin?'), tab.shownAtLoad);
  });

  it("keeps its twin when @twin's /use changes the workspace's choice", async () => {
    const tab = await loadedTab('tab-new');
    await new Targets(fx.workspaceState).select(BOT_KEY); // as the participant does (register.ts)
    sidebar.shared.workspaceTargetChanged();

    assert.equal(tab.picker(), tab.shownAtLoad);
    assert.equal(await sentTo(tab, 'still the twin?'), tab.shownAtLoad);
  });

  it('comes back after a reload with the twin it showed, not the one the sidebar picked since', async () => {
    const tab = await loadedTab('tab-new');
    await sidebar.selectTarget(BOT_KEY);
    await sidebar.shared.shutdown();

    const reloaded = fx.session();
    await reloaded.shared.refreshTargets();
    const restored = await loadedTab('tab-new', reloaded.shared);

    assert.equal(restored.shownAtLoad, tab.shownAtLoad);
    assert.equal(await sentTo(restored, 'after the reload'), tab.shownAtLoad);
  });
});
