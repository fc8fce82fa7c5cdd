import * as assert from 'node:assert/strict';
import { LowQuotaWatch } from '../../../src/providers/quota/lowQuota';
import { QuotaBook } from '../../../src/providers/quota/quotaBook';
import { parseResetAt, quotaFromHeaders } from '../../../src/providers/quota/rateLimitHeaders';
import { isLow } from '../../../src/providers/quota/types';
import { startSimulator, type Simulator } from '../../simulator/server';
import { TE_KEY, teProvider, testHttp } from './helpers';

describe('rate-limit headers', () => {
  const now = Date.UTC(2026, 0, 1);
  it('reads Reset as Unix seconds, Unix milliseconds, seconds from now or a date', () => {
    assert.equal(parseResetAt('1767229200', now), 1767229200_000);
    assert.equal(parseResetAt('1767229200123', now), 1767229200123);
    assert.equal(parseResetAt('90', now), now + 90_000);
    assert.equal(parseResetAt('Thu, 01 Jan 2026 01:00:00 GMT', now), now + 3600_000);
    assert.equal(parseResetAt('soon', now), undefined);
  });

  it('needs Limit and Remaining, and never reports more remaining than the limit', () => {
    const headers = (h: Record<string, string>) => (name: string) => h[name];
    assert.equal(quotaFromHeaders(headers({ 'x-ratelimit-limit': '10' }), now), undefined);
    const quota = quotaFromHeaders(
      headers({ 'x-ratelimit-limit': '10', 'x-ratelimit-remaining': '12' }),
      now,
    );
    assert.deepEqual(quota, { limit: 10, remaining: 10, observedAt: now });
  });

  it('is low below 10% of the limit, not at it', () => {
    assert.equal(isLow({ limit: 200, remaining: 20, observedAt: now }), false);
    assert.equal(isLow({ limit: 200, remaining: 19, observedAt: now }), true);
  });
});

describe('quota against the simulator', () => {
  let sim: Simulator;
  before(async () => {
    sim = await startSimulator({ port: 0, tokenDelayMs: 0 });
  });
  after(() => sim.stop());
  beforeEach(() => sim.reset());

  for (const reset of ['epoch', 'seconds'] as const) {
    it(`remembers the latest count per key as it counts down (Reset as ${reset})`, async () => {
      sim.configure({ teRateLimit: 5, teRateLimitReset: reset });
      const book = new QuotaBook();
      const t = testHttp({ quota: book });
      try {
        const provider = teProvider(sim, t.http);
        await provider.checkConnection();
        assert.equal(book.latest('TwinExpert', TE_KEY)?.remaining, 4);
        await provider.listTargets();
        await provider.checkConnection();
        const quota = book.latest('TwinExpert', TE_KEY);
        assert.equal(quota?.limit, 5);
        assert.equal(quota?.remaining, 2);
        const inAnHour = Date.now() + 3600_000;
        assert.ok(quota?.resetAt && quota.resetAt > Date.now() && quota.resetAt <= inAnHour + 1000);
        assert.equal(book.latest('TwinExpert', 'ak_someone_else_entirely'), undefined);
        assert.ok(!JSON.stringify(book.all()).includes(TE_KEY), 'the key itself is not kept');
      } finally {
        await t.http.close();
      }
    });
  }

  it('after a 429 without Retry-After, waits for X-RateLimit-Reset and then succeeds', async () => {
    sim.configure({ teRateLimit: 1, teRateLimitWindowSeconds: 1, teRetryAfterHeader: false });
    const t = testHttp({ retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 2500 } });
    try {
      const provider = teProvider(sim, t.http);
      assert.equal((await provider.checkConnection()).ok, true);
      const second = await provider.checkConnection();
      assert.equal(second.ok, true, second.detail);
      assert.deepEqual(
        t.logs.map((l) => l.status),
        [200, 429, 200],
      );
    } finally {
      await t.http.close();
    }
  });

  it('a 429 whose reset is too far off says when, from X-RateLimit-Reset', async () => {
    sim.configure({ teRateLimit: 1, teRetryAfterHeader: false });
    const t = testHttp();
    try {
      const provider = teProvider(sim, t.http);
      await provider.checkConnection();
      const refused = await provider.checkConnection();
      assert.equal(refused.error?.kind, 'rateLimited');
      const seconds = refused.error?.retryAfterSeconds ?? 0;
      assert.ok(seconds > 3000 && seconds <= 3600, `retry after ${seconds} s`);
    } finally {
      await t.http.close();
    }
  });
});

describe('when to warn of a low quota', () => {
  const reading = (keyId: string, remaining: number, service = 'TwinExpert') => ({
    service,
    keyId,
    quota: { limit: 100, remaining, observedAt: 0 },
  });

  it('warns once per key as it crosses 10%, again only after it recovered', () => {
    const watch = new LowQuotaWatch();
    const warnings = [11, 10, 9, 8, 3, 0].map((n) => watch.shouldWarn(reading('a', n)));
    assert.deepEqual(warnings, [false, false, true, false, false, false]);
    assert.equal(watch.shouldWarn(reading('b', 5)), true, 'another key is warned on its own');
    assert.equal(watch.shouldWarn(reading('a', 5, 'KamiMind')), true, 'so is another service');
    assert.equal(watch.shouldWarn(reading('a', 100)), false, 'a new window');
    assert.equal(watch.shouldWarn(reading('a', 9)), true, 'runs low again');
  });
});
