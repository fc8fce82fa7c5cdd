// Why an answer failed, in VS Code's display language: the provider and chat code build their
// sentences from English templates, and the extension has them translated (src/shared/localized.ts).
import * as assert from 'node:assert/strict';
import * as net from 'node:net';
import { noTargetError } from '../../../src/chat/noTarget';
import { providerError } from '../../../src/providers/messages';
import { createTwinExpertProvider } from '../../../src/providers/twinExpert';
import { TWINEXPERT_SERVICE } from '../../../src/providers/twinExpert/service';
import { translateWith } from '../../../src/shared/localized';
import { startSimulator, type Simulator } from '../../simulator/server';
import { vietnameseTranslate } from '../vietnameseBundle';
import { errorOf, send, teProvider, TE_KEY, testHttp, type TestHttp } from './helpers';

/** A local port nothing listens on: connecting to it is refused at once. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('failed answers in the display language', () => {
  let sim: Simulator;
  let t: TestHttp;
  let english: (() => void) | undefined;

  before(async () => {
    sim = await startSimulator({ port: 0, tokenDelayMs: 0 });
  });
  after(() => sim.stop());
  beforeEach(() => {
    sim.reset();
    t = testHttp();
  });
  afterEach(async () => {
    english?.();
    english = undefined;
    await t.http.close();
  });

  const inVietnamese = () => {
    english = translateWith(vietnameseTranslate());
  };

  async function rateLimited(): Promise<string> {
    sim.configure({ fault: { kind: 'rateLimit', retryAfter: 'seconds', seconds: 120 } });
    const { error } = errorOf(await send(teProvider(sim, t.http), {}));
    assert.equal(error.kind, 'rateLimited');
    return error.userMessage;
  }

  async function unreachable(): Promise<string> {
    const provider = createTwinExpertProvider({
      baseUrl: `http://127.0.0.1:${await closedPort()}/api/v1`,
      getApiKey: () => Promise.resolve(TE_KEY),
      http: t.http,
    });
    const { error } = errorOf(await send(provider, {}));
    assert.equal(error.kind, 'network');
    return error.userMessage;
  }

  const noKeyYet = () => noTargetError({ twinexpert: false, kamimind: false }, false).userMessage;

  it('a rate limit says who limits and how long to wait, in Vietnamese', async () => {
    inVietnamese();
    assert.match(
      await rateLimited(),
      /^TwinExpert đang giới hạn số yêu cầu\. Hãy thử lại sau 1[12]\d giây\.$/,
    );
  });

  it('an unreachable server is named, with the proxy setting to check, in Vietnamese', async () => {
    inVietnamese();
    assert.equal(
      await unreachable(),
      'Không kết nối được tới TwinExpert. Hãy kiểm tra kết nối mạng hoặc cài đặt proxy (http.proxy).',
    );
  });

  it('a message with nowhere to go says to set a key or add a bot, in Vietnamese', () => {
    inVietnamese();
    assert.equal(
      noKeyYet(),
      'Twin Chat chưa có khóa API hay bot nào: hãy đặt khóa API TwinExpert hoặc thêm bot KamiMind (các nút ở trên) rồi bấm Thử lại.',
    );
  });

  it('the server’s own words stay as they came, inside the Vietnamese sentence', () => {
    inVietnamese();
    const { userMessage } = providerError('badRequest', TWINEXPERT_SERVICE, {
      serverMessage: 'Message is too long',
    });
    assert.equal(
      userMessage,
      'TwinExpert đã từ chối yêu cầu ("Message is too long"). Hãy kiểm tra tin nhắn và tệp đính kèm rồi thử lại.',
    );
  });

  it('the same failures are English when nothing installed a translation (the CLI)', async () => {
    assert.match(
      await rateLimited(),
      /^TwinExpert is limiting requests right now\. Try again in 1[12]\d s\.$/,
    );
    assert.equal(
      await unreachable(),
      'Could not reach TwinExpert. Check your connection or proxy settings (http.proxy).',
    );
    assert.equal(
      noKeyYet(),
      'Twin Chat has no API key or bot yet: set a TwinExpert API key or add a KamiMind bot (the buttons above), then Retry.',
    );
  });
});
