import * as assert from 'node:assert/strict';
import type { ChatSession } from '../../../src/chat/chatSession';
import type { ChatSurface } from '../../../src/chat/chatSurface';
import { tabMemory } from '../../../src/chat/sessionMemory';
import type { HostToWebview } from '../../../src/shared/protocol';
import { eventually } from '../../harness/eventually';
import type { Simulator } from '../../simulator/server';
import { DEMO_BOT, type ChatFixture } from './chatFixture';
import { useChatFixture } from './useChatFixture';

// The status bar follows the focused chat. When the focused tab closes, commands fall back to the
// sidebar (ChatSessions.active), and the status bar must follow it too: an answer left streaming
// in the closed tab ends reporting to no one, so nothing else would ever correct it.
describe('the status bar after the focused tab closes', function () {
  this.timeout(30_000);
  const harness = useChatFixture({ tokenDelayMs: 2, selectTwin: true });
  let sim: Simulator;
  let fx: ChatFixture;
  let sidebar: ChatSession;
  beforeEach(() => ({ sim, fx, chat: sidebar } = harness()));

  async function focusedBotTab(posted: HostToWebview[]): Promise<ChatSession> {
    const surface: ChatSurface = {
      id: 'tab-bot',
      post: (m) => void posted.push(m),
      reveal: () => undefined,
    };
    const tab = sidebar.shared.open(surface, tabMemory(fx.workspaceState, 'tab-bot'));
    await tab.selectTarget(`kamimind:${DEMO_BOT.id}`);
    sidebar.shared.focus(tab);
    return tab;
  }

  const sidebarConnected = () => ({
    target: sidebar.targetsView().selectedKey,
    state: 'connected',
  });

  it('stops saying the closed tab streams, and follows the chat commands now act on', async () => {
    sim.configure({ fault: { kind: 'longAnswer', deltas: 300 } });
    const posted: HostToWebview[] = [];
    const tab = await focusedBotTab(posted);
    const sending = tab.send('a long question for the bot');
    await eventually(() => posted.some((m) => m.type === 'chat/delta'), 'answer under way');
    assert.equal(fx.statuses.at(-1)?.state, 'streaming');
    sidebar.shared.close(tab); // the user closes the tab; the answer goes on in the background
    assert.equal(sidebar.shared.active(), sidebar, 'commands act on the sidebar now');
    assert.deepEqual(fx.statuses.at(-1), sidebarConnected(), 'at once, not at the next event');
    await sending;
    await eventually(() => sidebar.shared.streamingConversationIds().length === 0, 'answer ended');
    const last = fx.statuses.at(-1);
    assert.deepEqual(
      last,
      sidebarConnected(),
      `status bar still shows ${JSON.stringify(last)}; history ${JSON.stringify(fx.statuses.slice(-4))}`,
    );
  });

  it("drops the closed tab's warning", async () => {
    sim.configure({ fault: { kind: 'httpError', status: 503 } });
    const tab = await focusedBotTab([]);
    await tab.send('a question the server fails');
    assert.equal(fx.statuses.at(-1)?.state, 'failed', 'the tab earned a warning');
    sidebar.shared.close(tab);
    assert.deepEqual(fx.statuses.at(-1), sidebarConnected());
  });
});
