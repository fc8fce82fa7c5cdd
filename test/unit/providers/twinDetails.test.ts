import * as assert from 'node:assert/strict';
import { createTwinExpertProvider } from '../../../src/providers/twinExpert';
import type { TwinDetails } from '../../../src/providers/twinExpert/twinDetails';
import {
  DETAILS_MAX_AGE_MS,
  MAX_DETAILED_TWINS,
  TwinDetailsCache,
} from '../../../src/providers/twinExpert/twinDetailsCache';
import { startSimulator, type Simulator } from '../../simulator/server';
import { TE_KEY, testHttp, type TestHttp } from './helpers';

describe('twin details in the picker', () => {
  let sim: Simulator;
  let t: TestHttp;
  before(async () => {
    sim = await startSimulator({ port: 0, tokenDelayMs: 0, twinCount: 12 });
    t = testHttp();
  });
  after(async () => {
    await t.http.close();
    await sim.stop();
  });
  beforeEach(() => sim.reset());

  const provider = () =>
    createTwinExpertProvider({
      baseUrl: sim.twinExpertBaseUrl,
      getApiKey: () => Promise.resolve(TE_KEY),
      http: t.http,
      twinDetails: true,
    });
  const detailRequests = () => sim.requests.filter((r) => /^\/api\/v1\/twins\/./.test(r.path));

  it('fills the first twins’ detail lines from GET /twins/{id}, once, and never an avatar', async () => {
    const p = provider();
    const twins = await p.listTargets();
    assert.equal(twins.length, 12);
    assert.equal(
      twins.find((x) => x.id === 'twin-legal')?.description,
      'Tra cứu nhanh các quy định phổ biến. · Cố vấn Pháp lý: trả lời 24/7 · tư vấn, hỏi đáp',
    );
    assert.equal(twins[MAX_DETAILED_TWINS]?.description, 'Twin được tạo tự động #11.', 'list text');
    assert.equal(detailRequests().length, MAX_DETAILED_TWINS);
    assert.ok(!JSON.stringify(twins).includes('avatars'), 'no image address reaches the UI');
    await p.listTargets();
    assert.equal(
      detailRequests().length,
      MAX_DETAILED_TWINS,
      'fresh details are not fetched again',
    );
  });

  it('a twin whose details fail keeps the list’s description; the list still loads', async () => {
    sim.configure({
      fault: { kind: 'httpError', status: 500 },
      faultMatch: 'GET /api/v1/twins/twin-legal',
    });
    const twins = await provider().listTargets();
    assert.equal(
      twins.find((x) => x.id === 'twin-legal')?.description,
      'Tra cứu nhanh các quy định phổ biến.',
    );
    assert.match(twins.find((x) => x.id === 'twin-cloud')?.description ?? '', /trả lời 24\/7/);
  });

  it('the plain provider (the CLI) costs one request per page', async () => {
    const plain = createTwinExpertProvider({
      baseUrl: sim.twinExpertBaseUrl,
      getApiKey: () => Promise.resolve(TE_KEY),
      http: t.http,
    });
    await plain.listTargets();
    assert.equal(detailRequests().length, 0);
  });

  it('details older than the cache age are fetched again with the list', async () => {
    let now = 0;
    const fetched: string[] = [];
    const details = (id: string): TwinDetails => ({
      id,
      name: id,
      description: `about ${id}`,
      fields: [],
    });
    const cache = new TwinDetailsCache(
      (id) => (fetched.push(id), Promise.resolve(details(id))),
      () => now,
    );
    const targets = [{ provider: 'twinexpert' as const, id: 'a', label: 'A' }];
    assert.equal((await cache.enrich(targets))[0]?.description, 'about a');
    now = DETAILS_MAX_AGE_MS - 1;
    await cache.enrich(targets);
    assert.deepEqual(fetched, ['a']);
    now = DETAILS_MAX_AGE_MS;
    await cache.enrich(targets);
    assert.deepEqual(fetched, ['a', 'a']);
  });

  it('hands the header the twin’s own text fields, not only the joined picker line', async () => {
    const cache = new TwinDetailsCache(() =>
      Promise.resolve({
        id: 'a',
        name: 'A',
        description: 'Contract law',
        fields: [{ name: 'expertise', value: 'Leases' }],
      }),
    );
    const [target] = await cache.enrich([{ provider: 'twinexpert', id: 'a', label: 'A' }]);
    assert.deepEqual(target?.details, {
      description: 'Contract law',
      fields: [{ name: 'expertise', value: 'Leases' }],
    });
    assert.equal(target?.description, 'Contract law · Leases');
  });
});
