import * as assert from 'node:assert/strict';
import { useChatPage } from './harness/hooks';
import { conversation, message, viewState } from './harness/state';

// The Retry-After countdown follows the clock, not the number of timer ticks: the page's timers run
// late or not at all while the laptop sleeps or Chromium throttles a hidden page.
describe('Retry-After countdown', () => {
  const chat = useChatPage('manual');

  it('counts down each second and enables Retry once the server’s wait has passed, however the timers ran', async () => {
    const failed = message('a1', 'assistant', '', {
      status: 'error',
      error: {
        message: 'TwinExpert is limiting requests right now. Try again in 600 s.',
        kind: 'rateLimit',
        retryAfterSeconds: 600,
        actions: ['retry'],
      },
    });
    await chat().init(
      viewState({ conversation: conversation([message('u1', 'user', 'q'), failed]) }),
    );
    const retry = chat().page.locator('.message-error button', { hasText: /Retry/ });
    assert.match(await retry.innerText(), /Retry in 600 s/);
    assert.equal(await retry.isDisabled(), true);
    await chat().advance(1_000);
    assert.match(await retry.innerText(), /Retry in 599 s/);
    // The rest of the ten minutes pass while the page's timers do not run (system sleep, throttled
    // hidden page); fastForward moves the clock and fires each due timer once, as Chromium does on
    // waking.
    await chat().page.clock.fastForward(599_000);
    await chat().advance(1_000);
    assert.equal(
      await retry.isDisabled(),
      false,
      `ten minutes later Retry is still disabled: "${await retry.innerText()}"`,
    );
    assert.match(await retry.innerText(), /^\s*Retry\s*$/);
  });
});
