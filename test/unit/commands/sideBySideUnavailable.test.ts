import { ui } from '../fakeVscode';
import * as assert from 'node:assert/strict';
import { askSideBySide } from '../../../src/commands/askSideBySide';
import type { ChatSession } from '../../../src/chat/chatSession';
import { tabMemory } from '../../../src/chat/sessionMemory';
import { createKamiMindProvider } from '../../../src/providers/kamiMind';
import type { EditorChats } from '../../../src/webview/editorChats';
import { DEMO_CREDENTIALS } from '../../simulator/server';
import { DEMO_BOT } from '../chat/chatFixture';
import { useChatFixture } from '../chat/useChatFixture';

// Ask Twins Side by Side offers the twins and bots that can answer. The chat's own picker keeps
// its chosen twin or bot when the latest list lacks it (removed, its key rejected), marked
// unavailable, so a reopened conversation still says who it was with; the side by side picker
// offered that one too, unmarked, and counted it toward the two it needs, and its tab failed.

describe('Ask Twins Side by Side when the chosen bot is no longer listed', function () {
  this.timeout(30_000);
  const harness = useChatFixture({ tokenDelayMs: 0 });
  beforeEach(() => ui.reset());

  /** Editor tabs as EditorChats opens them, as sessions of the same window. */
  function fakeTabs(sidebar: ChatSession): { tabs: EditorChats; opened: ChatSession[] } {
    const opened: ChatSession[] = [];
    const open = () => {
      const id = `side-${opened.length}`;
      const surface = { id, post: () => undefined, reveal: () => undefined };
      const session = sidebar.shared.open(surface, tabMemory(harness().fx.workspaceState, id));
      opened.push(session);
      return session;
    };
    return { tabs: { open } as unknown as EditorChats, opened };
  }

  it('does not offer it', async () => {
    const { chat, fx, sim } = harness();
    await chat.selectTarget(`kamimind:${DEMO_BOT.id}`);
    // Remove KamiMind Bot: the bot is no longer listed.
    fx.providers.kamimind = createKamiMindProvider({
      baseUrl: sim.url,
      getToken: () => Promise.resolve(DEMO_CREDENTIALS.kamiMindToken),
      listBots: () => Promise.resolve([]),
      getBotToken: () => Promise.resolve(undefined),
      http: fx.http,
    });
    const { tabs, opened } = fakeTabs(chat);
    await askSideBySide(chat.shared, tabs);
    const [offered] = ui.quickPicks;
    assert.ok(offered && offered.length > 0, 'the listed twins are offered');
    assert.ok(!offered.includes(DEMO_BOT.label), `offered: ${offered.join(', ')}`);
    assert.equal(opened.length, 0, 'cancelled: nothing opened');
  });
});
