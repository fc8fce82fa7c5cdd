// `success:false` keeps the vendor's own words: the user sentence stays ours, and the code and
// message the server sent travel with the error as its details line, redacted of secrets.
import * as assert from 'node:assert/strict';
import { toErrorView } from '../../../src/chat/errorView';
import { MAX_SERVER_DETAIL_CHARS, ProviderError } from '../../../src/providers/errors';
import { kmError } from '../../../src/providers/kamiMind/envelope';
import { KAMIMIND_SERVICE } from '../../../src/providers/kamiMind/service';
import type { KmStreamStyle, Simulator } from '../../simulator/server';
import { startSimulator } from '../../simulator/server';
import { KM_TOKEN, errorOf, kmProvider, send, testHttp, type TestHttp } from './helpers';

describe('KamiMind success:false keeps the server words as the detail', () => {
  let sim: Simulator;
  let t: TestHttp;

  before(async () => {
    sim = await startSimulator({ port: 0, tokenDelayMs: 0 });
  });
  after(() => sim.stop());
  beforeEach(() => {
    sim.reset();
    t = testHttp();
  });
  afterEach(() => t.http.close());

  for (const stream of [false, true]) {
    for (const kmStreamStyle of ['raw', 'ndjson', 'envelopes'] as KmStreamStyle[]) {
      it(`HTTP 200 NOT_ENOUGH_AVAILABLE_MONEY (streaming=${stream}, ${kmStreamStyle})`, async () => {
        sim.configure({ kmOutOfCredits: true, kmErrorsAs200: true, kmStreamStyle });
        const { error } = errorOf(await send(kmProvider(sim, t.http), { stream }));
        assert.equal(error.status, 200);
        assert.equal(error.code, 'NOT_ENOUGH_AVAILABLE_MONEY');
        // The sentence is still ours and says what to do.
        assert.match(error.userMessage, /out of credits\. Top up the KamiMind account/);
        assert.ok(
          error.serverDetail?.startsWith('NOT_ENOUGH_AVAILABLE_MONEY: Tài khoản không đủ Kpoint'),
        );
        // The token the server echoed is redacted, the hidden character is kept for the view to show.
        assert.ok(!error.serverDetail?.includes(KM_TOKEN));
        assert.match(error.serverDetail ?? '', /\(token \*\*\*\) \u200Bđể trả lời$/);
        const view = toErrorView(error, 'kamimind');
        assert.equal(view.message, error.userMessage);
        assert.equal(view.detail, error.serverDetail);
        assert.equal(
          (JSON.parse(JSON.stringify(error)) as { serverDetail?: string }).serverDetail,
          error.serverDetail,
        );
      });
    }
  }

  it('a non-2xx KamiMind failure carries its words too; a message without a code is the detail', async () => {
    sim.configure({ kmOutOfCredits: true });
    const { error } = errorOf(await send(kmProvider(sim, t.http), {}));
    assert.equal(error.status, 402);
    assert.match(error.serverDetail ?? '', /^NOT_ENOUGH_AVAILABLE_MONEY: /);
    const plain = kmError({ success: false, message: 'Chat failed' }, 200, KAMIMIND_SERVICE, {
      secrets: [],
    });
    assert.equal(plain.serverDetail, 'Chat failed');
    const nested = kmError(
      { success: false, message: '{"code":"UNVERIFIED_USER","message":"Chưa xác minh"}' },
      403,
      KAMIMIND_SERVICE,
      { secrets: [] },
    );
    assert.equal(nested.serverDetail, 'UNVERIFIED_USER: Chưa xác minh');
  });

  it('an error without server words has no detail, and a huge one is bounded', () => {
    const bare = kmError({ success: false }, 500, KAMIMIND_SERVICE, { secrets: [] });
    assert.equal(bare.serverDetail, undefined);
    assert.equal(toErrorView(bare, 'kamimind').detail, undefined);
    assert.ok(!('detail' in toErrorView(bare, 'kamimind')));
    const huge = new ProviderError({
      kind: 'server',
      userMessage: 'x',
      serverDetail: 'y'.repeat(1e6),
    });
    assert.equal(huge.serverDetail?.length, MAX_SERVER_DETAIL_CHARS + 1);
  });
});
