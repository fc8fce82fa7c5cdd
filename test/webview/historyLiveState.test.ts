import * as assert from 'node:assert/strict';
import type { ConversationSummary } from '../../src/shared/protocol';
import { useChatPage } from './harness/hooks';
import { viewState } from './harness/state';

// With chats in editor tabs, the history list says which conversations are shown somewhere and
// which have an answer streaming into them right now (the host marks the summaries).

function summary(id: string, marks: Partial<ConversationSummary> = {}): ConversationSummary {
  return {
    id,
    title: `Chat ${id}`,
    targetLabel: 'Ada',
    provider: 'twinexpert',
    updatedAt: 0,
    ...marks,
  };
}

describe('history rows: open and streaming conversations', () => {
  const chat = useChatPage('manual');
  const page = () => chat().page;

  it('marks a streaming conversation "answering…", an open one "open", and the rest not at all', async () => {
    const conversations = [
      summary('streaming', { open: true, streaming: true }),
      summary('open', { open: true }),
      summary('closed'),
    ];
    await chat().init(viewState({ conversations }));
    await page().getByRole('button', { name: 'Conversations' }).dispatchEvent('click');
    await chat().nextFrame();
    const states = await page().evaluate<Record<string, string>>(`(() => {
      const rows = [...document.querySelectorAll('.conversation-row')];
      return Object.fromEntries(rows.map((row) => [
        row.dataset.conversationId,
        row.querySelector('.conversation-state')?.textContent ?? '',
      ]));
    })()`);
    assert.deepEqual(states, { streaming: 'answering…', open: 'open', closed: '' });
  });
});
