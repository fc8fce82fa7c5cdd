import * as assert from 'node:assert/strict';
import { eventually } from '../harness/eventually';
import { useChatPage } from './harness/hooks';
import { message, viewState } from './harness/state';

function paragraphs(from: number, count: number): string[] {
  return Array.from(
    { length: count },
    (_, i) => `Paragraph ${from + i} with enough words to take up a line or two of space.\n\n`,
  );
}

describe('scroll anchoring while streaming', () => {
  const chat = useChatPage();

  async function isAtBottom(): Promise<boolean> {
    const { top, height, client } = await chat().call('scrollInfo');
    return height - top - client <= 2;
  }

  it('follows the stream at the bottom and stays put when the reader scrolled up', async () => {
    await chat().init(viewState());
    await chat().stream(
      'r1',
      message('a1', 'assistant', ''),
      message('u1', 'user', 'q'),
      paragraphs(0, 60),
      false,
    );
    assert.ok(
      (await chat().call('scrollInfo')).height > (await chat().call('scrollInfo')).client * 2,
      'content overflows',
    );
    assert.equal(await isAtBottom(), true, 'follows while at the bottom');

    await chat().call('scrollTo', 100);
    await chat().settle();
    await chat().sendMany(
      paragraphs(60, 40).map((text) => ({ type: 'chat/delta', requestId: 'r1', text })),
    );
    await chat().settle();
    assert.equal((await chat().call('scrollInfo')).top, 100, 'no jump while reading above');

    const { height } = await chat().call('scrollInfo');
    await chat().call('scrollTo', height);
    await chat().settle();
    await chat().sendMany(
      paragraphs(100, 40).map((text) => ({ type: 'chat/delta', requestId: 'r1', text })),
    );
    await chat().settle();
    assert.equal(await isAtBottom(), true, 'follows again once back at the bottom');
  });

  it('renders long histories lazily and loads earlier messages on scroll up', async () => {
    const messages = Array.from({ length: 180 }, (_, i) =>
      message(`m${i}`, i % 2 ? 'assistant' : 'user', `Message **${i}**`),
    );
    await chat().init(viewState({ conversation: { id: 'c1', title: 'Long', messages } }));
    const rendered = (): Promise<number> => chat().page.locator('.message').count();
    assert.equal(await rendered(), 50);
    // dispatchEvent: a real click would first scroll the button (at the very top) into view,
    // which by itself loads the next page.
    await chat().page.getByRole('button', { name: 'Show earlier messages' }).dispatchEvent('click');
    assert.equal(await rendered(), 100);
    const { top } = await chat().call('scrollInfo');
    assert.ok(top > 0, 'the messages the reader saw stay in view instead of jumping to the top');
    // Older messages are rendered a slice per frame while the reader is near the top.
    await eventually(async () => {
      await chat().call('scrollTo', 0);
      await chat().settle();
      return (await rendered()) === 180;
    }, 'every message');
    assert.equal(
      await chat().page.getByRole('button', { name: 'Show earlier messages' }).isVisible(),
      false,
    );
  });
});
