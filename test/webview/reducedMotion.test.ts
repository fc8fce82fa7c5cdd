import * as assert from 'node:assert/strict';
import { useChatPage } from './harness/hooks';
import { message, viewState } from './harness/state';

/** The animation each spinning icon in the view runs, by the icon's class list. */
const SPINNER_ANIMATIONS = `Array.from(
  document.querySelectorAll('.codicon-modifier-spin, .spinning .codicon'),
  (el) => el.className + ': ' + getComputedStyle(el).animationName,
)`;

describe('reduced motion', () => {
  const chat = useChatPage();

  it('stills every spinner when the system asks for reduced motion', async () => {
    await chat().page.emulateMedia({ reducedMotion: 'reduce' });
    await chat().init(
      viewState({ targets: { targets: [], selectedKey: undefined, loading: true } }),
    );
    // Waiting for the first text of an answer, the progress line's spinner would turn.
    await chat().send({
      type: 'chat/started',
      requestId: 'r1',
      userMessage: message('u1', 'user', 'q'),
      assistantMessage: message('a1', 'assistant', '', { status: 'streaming' }),
    });
    await chat().settle();
    const animations = await chat().page.evaluate<string[]>(SPINNER_ANIMATIONS);
    assert.equal(
      animations.length,
      2,
      `the refresh and the progress spinners: ${animations.join(', ')}`,
    );
    assert.deepEqual(
      animations.filter((a) => !a.endsWith(': none')),
      [],
    );
  });
});
