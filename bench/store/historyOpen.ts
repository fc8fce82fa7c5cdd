// Opening the history list in the chat webview (Debian's Chromium, the built bundle): main-thread
// time from handing the page the summaries to the list painted, as the host sends them.
import type { Browser } from 'playwright-core';
import type { ConversationSummary } from '../../src/shared/protocol';
import { ChatPage } from '../../test/webview/harness/chatPage';
import { viewState } from '../../test/webview/harness/state';
import { timed } from '../lib/chromePage';

export function summaries(count: number): ConversationSummary[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `conv${i}`,
    title: `Conversation ${i} about the retry policy`,
    targetLabel: 'Ada',
    provider: 'twinexpert',
    updatedAt: Date.now() - i * 60_000,
  }));
}

/** Main-thread milliseconds to receive `count` summaries and open the list, in a fresh page. */
export async function historyOpenMs(browser: Browser, count: number): Promise<number> {
  const chat = await ChatPage.open(browser);
  try {
    const cdp = await chat.page.context().newCDPSession(chat.page);
    await cdp.send('Performance.enable');
    await chat.init(viewState());
    await chat.settle();
    const { time } = await timed(cdp, async () => {
      await chat.send({ type: 'conversations/update', conversations: summaries(count) });
      await chat.page.getByRole('button', { name: 'Conversations' }).dispatchEvent('click');
      await chat.settle();
    });
    return time.taskMs;
  } finally {
    await chat.close();
  }
}
