import * as assert from 'node:assert/strict';
import type { StoredMessage } from '../../../src/chat/model';
import { messageView } from '../../../src/chat/views';

// A rate-limited answer's Retry waits for the server's Retry-After from when the answer failed,
// not from whenever its conversation is shown again.
describe('the wait before Retry of a rate-limited answer', () => {
  const FAILED_AT = 1_000_000;
  const limited = (retryAfterSeconds?: number): StoredMessage => ({
    id: 'a1',
    role: 'assistant',
    text: '',
    status: 'error',
    createdAt: FAILED_AT - 500,
    finishedAt: FAILED_AT,
    error: {
      message: 'TwinExpert is limiting requests right now. Try again in 30 s.',
      kind: 'rateLimited',
      actions: ['retry'],
      ...(retryAfterSeconds !== undefined && { retryAfterSeconds }),
    },
  });

  it('is the whole wait when the failure is shown as it happens, a moment after it was recorded', () => {
    for (const shownAfter of [0, 1, 999])
      assert.equal(messageView(limited(30), FAILED_AT + shownAfter).error?.retryAfterSeconds, 30);
  });

  it('is what is left of it, in whole seconds, when the conversation is shown again later', () => {
    assert.equal(messageView(limited(30), FAILED_AT + 12_000).error?.retryAfterSeconds, 18);
    assert.equal(messageView(limited(30), FAILED_AT + 12_700).error?.retryAfterSeconds, 18);
  });

  it('is over once the wait has passed: Retry is offered at once', () => {
    const error = messageView(limited(30), FAILED_AT + 45_000).error;
    assert.equal(error?.retryAfterSeconds, undefined);
    assert.deepEqual(error?.actions, ['retry']);
  });

  it('leaves an error without a wait as it is', () => {
    assert.equal(messageView(limited(), FAILED_AT + 5_000).error?.retryAfterSeconds, undefined);
  });
});
