import * as assert from 'node:assert/strict';
import { relativeTime, setFormatLocale } from '../../../src/webview-ui/views/format';

const DAY_MS = 86_400_000;

describe('relative times in the history list', () => {
  afterEach(() => setFormatLocale('en'));

  it('speaks the locale set last, each time it changes', () => {
    const now = 1_700_000_000_000;
    setFormatLocale('en');
    assert.equal(relativeTime(now - 2 * DAY_MS, now), '2 days ago');
    assert.equal(relativeTime(now - DAY_MS, now), 'yesterday');
    setFormatLocale('vi');
    assert.equal(relativeTime(now - 5 * DAY_MS, now), '5 ngày trước');
    setFormatLocale('en');
    assert.equal(relativeTime(now - 3 * DAY_MS, now), '3 days ago');
  });
});
