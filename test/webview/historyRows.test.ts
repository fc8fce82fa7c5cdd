import * as assert from 'node:assert/strict';
import type { ConversationSummary } from '../../src/shared/protocol';
import { UNDO_DELETE_MS } from '../../src/webview-ui/delays';
import { accessibilityTree } from './harness/axTree';
import { useChatPage } from './harness/hooks';
import { viewState } from './harness/state';

// The page's clock stands still (ChatPage.open 'manual'): the Undo window passes only when the
// test moves it, and "12 seconds ago" is measured from the page's own now.
const PAGE_NOW = 1_000;

function summary(id: string, title: string, targetLabel: string): ConversationSummary {
  return { id, title, targetLabel, provider: 'twinexpert', updatedAt: PAGE_NOW - 12_000 };
}

const LONG = summary(
  'c1',
  'How do I debounce a function in TypeScript for a search box that calls the server',
  'Ada Lovelace, analytical engines and numerical methods',
);

describe('history rows', () => {
  const chat = useChatPage('manual');
  const page = () => chat().page;

  async function openList(conversations: ConversationSummary[]): Promise<void> {
    await chat().init(viewState({ conversations }));
    await page().getByRole('button', { name: 'Conversations' }).dispatchEvent('click');
    await chat().nextFrame();
  }

  it('keeps "12 seconds ago" whole at the default sidebar width; the title and name give way', async () => {
    await page().setViewportSize({ width: 300, height: 700 });
    await openList([LONG]);
    const fit = await page().evaluate<{ text: string; clipped: boolean; inside: boolean }>(`(() => {
      const time = document.querySelector('.conversation-row .conversation-time');
      const open = document.querySelector('.conversation-row .conversation-open');
      if (!time) return { text: '', clipped: true, inside: false };
      return {
        text: time.textContent,
        clipped: time.scrollWidth > time.clientWidth,
        inside: time.getBoundingClientRect().right <= open.getBoundingClientRect().right,
      };
    })()`);
    assert.deepEqual(fit, { text: '12 seconds ago', clipped: false, inside: true });
  });

  it("marks a conversation held with @twin in VS Code's Chat view", async () => {
    const inChatView: ConversationSummary = {
      ...summary('c3', 'Closures', 'Ada'),
      origin: 'chatView',
    };
    await openList([inChatView, summary('c4', 'Deploy help', 'Bot')]);
    const targets = await page()
      .locator('.conversation-row .conversation-target')
      .allTextContents();
    assert.deepEqual(targets, ['Ada (@twin in VS Code Chat) ·', 'Bot ·']);
  });

  it('tells a screen reader who each conversation was with, when, and whether it is answering', async () => {
    // Two untitled conversations: their Open buttons have the same name, so the rest of the row
    // (shown to the eye beside the title) is what tells them apart.
    await openList([
      { ...summary('c1', '', 'Ada'), streaming: true },
      { ...summary('c2', '', 'Support Bot'), open: true },
    ]);
    const rows = (await accessibilityTree(page()))
      .filter((node) => node.role === 'button' && node.name === 'Open New conversation')
      .map((node) => node.description.replace(/\s+/g, ' '));
    assert.deepEqual(rows, [
      'Ada · 12 seconds ago answering…',
      'Support Bot · 12 seconds ago open',
    ]);
  });

  it('deletes at once and offers Undo (a restore) until the Undo time is up', async () => {
    await openList([LONG, summary('c2', 'Deploy help', 'Bot')]);
    await page()
      .getByRole('button', { name: `Delete ${LONG.title}` })
      .dispatchEvent('click');
    await chat().nextFrame();
    assert.equal(await page().locator('.conversation-row[data-conversation-id="c1"]').count(), 0);
    assert.deepEqual(await chat().postedOfType('conversation/delete'), [
      { type: 'conversation/delete', conversationId: 'c1' },
    ]);
    const undo = page().getByRole('button', { name: 'Undo' });
    assert.equal(await page().evaluate(`document.activeElement.textContent`), 'Undo');

    await chat().advance(UNDO_DELETE_MS / 2);
    await undo.dispatchEvent('click');
    await chat().nextFrame();
    assert.deepEqual(await chat().postedOfType('conversation/restore'), [
      { type: 'conversation/restore', conversationId: 'c1' },
    ]);
    assert.equal(await page().locator('.conversation-row[data-conversation-id="c1"]').count(), 1);

    await page().getByRole('button', { name: 'Delete Deploy help' }).dispatchEvent('click');
    await chat().nextFrame();
    assert.equal(await page().locator('.undo-bar').isVisible(), true);
    await chat().advance(UNDO_DELETE_MS);
    assert.equal(await page().locator('.undo-bar').isVisible(), false, 'the bar goes with time');
    assert.deepEqual(
      (await chat().postedOfType('conversation/delete')).map((m) => m.conversationId),
      ['c1', 'c2'],
    );
    assert.equal((await chat().postedOfType('conversation/restore')).length, 1);
  });

  it('uses an export icon that says "save as", not an arrow out of a box', async () => {
    await openList([LONG]);
    const icon = page()
      .getByRole('button', { name: `Export ${LONG.title}` })
      .locator('.codicon');
    assert.match((await icon.getAttribute('class')) ?? '', /codicon-save-as/);
  });
});
