import * as assert from 'node:assert/strict';
import type { ConversationSummary } from '../../src/shared/protocol';
import { eventually } from '../harness/eventually';
import { useChatPage } from './harness/hooks';
import { viewState } from './harness/state';

function summaries(count: number): ConversationSummary[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `c${i}`,
    title: `Conversation ${i}`,
    targetLabel: 'Ada',
    provider: 'twinexpert',
    updatedAt: 1_000_000 - i,
  }));
}

// Plain JavaScript run in the page: the test tsconfig has no DOM library.
const ROW_IDS = `Array.from(document.querySelectorAll('.conversation-row'), (r) => r.dataset.conversationId)`;

describe('a history of a thousand conversations, rendered a page at a time', () => {
  const chat = useChatPage();
  const rows = (): Promise<number> => chat().page.locator('.conversation-row').count();

  async function openList(count: number): Promise<void> {
    await chat().init(viewState({ conversations: summaries(count) }));
    await chat().page.getByRole('button', { name: 'Conversations' }).dispatchEvent('click');
    await chat().settle();
  }

  it('opens with a bounded number of rows and reaches the last one, in order, by scrolling', async () => {
    await openList(1000);
    const opened = await rows();
    assert.ok(opened > 0 && opened <= 50, `${opened} rows rendered on opening`);
    // Keep scrolling to the end, as a reader would, until the oldest conversation is there.
    const scrolls = await chat().page.evaluate<number>(`(async () => {
      const panel = document.querySelector('.history-panel');
      let scrolls = 0;
      while (!document.querySelector('[data-conversation-id="c999"]') && scrolls < 1000) {
        panel.scrollTop = panel.scrollHeight;
        await new Promise((resolve) => requestAnimationFrame(resolve));
        scrolls++;
      }
      return scrolls;
    })()`);
    assert.ok(scrolls < 1000, 'the last conversation was reached by scrolling');
    assert.deepEqual(
      await chat().page.evaluate<string[]>(ROW_IDS),
      summaries(1000).map((s) => s.id),
    );
    assert.equal(
      await chat().page.getByRole('button', { name: 'Show more conversations' }).isVisible(),
      false,
    );
  });

  it('renders rows until they overflow a panel taller than its first rows', async () => {
    await chat().page.setViewportSize({ width: 420, height: 2400 });
    await openList(1000);
    const overflow = `(() => {
      const panel = document.querySelector('.history-panel');
      return panel.scrollHeight > panel.clientHeight;
    })()`;
    // Without a scroll bar, no scroll would ever ask for the next page.
    await eventually(() => chat().page.evaluate<boolean>(overflow), 'rows past the panel');
  });

  it('shows the next page from the keyboard, moving focus to its first row', async () => {
    await openList(1000);
    const more = chat().page.getByRole('button', { name: 'Show more conversations' });
    await more.focus();
    await chat().settle();
    // Focus scrolls the button into view, which may itself render a page ahead.
    const before = await rows();
    await chat().page.keyboard.press('Enter');
    await chat().settle();
    assert.ok((await rows()) > before, 'one more page');
    assert.equal(
      await chat().page.evaluate<string>(
        `document.activeElement.closest('.conversation-row').dataset.conversationId`,
      ),
      `c${before}`,
    );
  });

  it("keeps the rows shown, and the reader's place, when the list is updated under them", async () => {
    await openList(1000);
    const place = `(() => {
      const panel = document.querySelector('.history-panel');
      return { rows: document.querySelectorAll('.conversation-row').length, top: panel.scrollTop };
    })()`;
    await chat().page.evaluate(`(() => {
      const panel = document.querySelector('.history-panel');
      panel.scrollTop = panel.scrollHeight;
    })()`);
    await chat().settle();
    const before = await chat().page.evaluate<{ rows: number; top: number }>(place);
    assert.ok(before.rows > 50 && before.top > 0, `${JSON.stringify(before)} after scrolling`);
    await chat().send({ type: 'conversations/update', conversations: summaries(1000).slice(1) });
    await chat().settle();
    assert.deepEqual(await chat().page.evaluate(place), before);
  });
});
