import * as assert from 'node:assert/strict';
import { ChatSessions } from '../../../src/chat/chatSessions';
import { sidebarMemory, tabMemory } from '../../../src/chat/sessionMemory';
import type { HostToWebview } from '../../../src/shared/protocol';
import { eventually } from '../../harness/eventually';
import type { ChatFixture } from './chatFixture';
import { ManualTimer } from './manualTimer';
import { useChatFixture } from './useChatFixture';

// After a window reload the sidebar's history marks the conversations other chats show "open".
// An editor tab takes its conversation back only when its page asks for its state, after the
// sidebar's list was sent: that list must follow, or the tab's conversation reads as not shown
// anywhere until some other change re-sends the list.

describe("the history's open mark for a tab restored after a reload", function () {
  this.timeout(30_000);
  const harness = useChatFixture({ tokenDelayMs: 0, selectTwin: true });
  let fx: ChatFixture;
  beforeEach(() => ({ fx } = harness()));

  it("marks the restored tab's conversation open in the sidebar's list", async () => {
    const { chat } = harness();
    const before = chat.shared.open(
      { id: 'tab-1', post: () => undefined, reveal: () => undefined },
      tabMemory(fx.workspaceState, 'tab-1'),
    );
    await before.send('kept in a tab across the reload');
    const id = before.currentConversationId();
    await chat.shared.shutdown();

    const timer = new ManualTimer();
    const reloaded = new ChatSessions({ ...fx.deps(), historyTimer: timer });
    const sidebarPosted: HostToWebview[] = [];
    const sidebar = reloaded.open(
      { post: (m) => void sidebarPosted.push(m), reveal: () => undefined },
      sidebarMemory(fx.workspaceState),
    );
    const tab = reloaded.open(
      { id: 'tab-1', post: () => undefined, reveal: () => undefined },
      tabMemory(fx.workspaceState, 'tab-1'),
    );
    await sidebar.postViewState();
    timer.fire(); // the surfaces' opening, announced before the tab's page asked
    await tab.postViewState();
    assert.equal(tab.currentConversationId(), id, 'the tab took its conversation back');
    timer.fire();
    const openInSidebar = () => {
      const lists = sidebarPosted.flatMap((m) =>
        m.type === 'state/init'
          ? [m.state.conversations]
          : m.type === 'conversations/update'
            ? [m.conversations]
            : [],
      );
      return lists.at(-1)?.find((c) => c.id === id)?.open === true;
    };
    await eventually(openInSidebar, "the sidebar's list marking the tab's conversation open", {
      timeoutMs: 2_000,
    });
  });
});
