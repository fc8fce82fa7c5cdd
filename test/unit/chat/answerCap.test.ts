import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ChatSession } from '../../../src/chat/chatSession';
import { CHARS_PER_MB } from '../../../src/chat/answerLimit';
import { startSimulator, type Simulator } from '../../simulator/server';
import { DEMO_BOT } from './chatFixture';
import { LimitsFixture } from './limitsFixture';

// A server that streams without end must not grow the extension host without bound: the answer
// ends at twinChat.chat.maxAnswerSizeMB as failed (never complete), partial text kept and saved,
// and the request aborted so its socket is freed.

const CAP_MB = 0.25;
const CAP_CHARS = CAP_MB * CHARS_PER_MB;

describe('answer size cap (chat controller against the simulator)', function () {
  this.timeout(30_000);
  let sim: Simulator;
  let fx: LimitsFixture;
  let chat: ChatSession;

  before(async () => {
    sim = await startSimulator({ port: 0, tokenDelayMs: 0 });
  });
  after(() => sim.stop());

  beforeEach(async () => {
    sim.reset();
    fx = new LimitsFixture(sim);
    fx.limits = { maxAnswerSizeMB: () => CAP_MB };
    chat = fx.session();
    await chat.shared.refreshTargets();
  });
  afterEach(() => fx.dispose());

  async function select(provider: 'twinexpert' | 'kamimind'): Promise<void> {
    const key =
      provider === 'kamimind'
        ? `kamimind:${DEMO_BOT.id}`
        : chat.targetsView().targets.find((t) => t.provider === 'twinexpert')?.key;
    assert.ok(key);
    await chat.selectTarget(key);
  }

  function savedAnswer(): { text: string; status: string; error?: { kind: string } } {
    const file = path.join(fx.dir, `${chat.currentConversationId()}.json`);
    const saved = JSON.parse(fs.readFileSync(file, 'utf8')) as {
      messages: { text: string; status: string; error?: { kind: string } }[];
    };
    const answer = saved.messages.at(-1);
    assert.ok(answer);
    return answer;
  }

  const cases = [
    { provider: 'twinexpert', config: {} },
    { provider: 'kamimind', config: { kmStreamStyle: 'raw' } },
    { provider: 'kamimind', config: { kmStreamStyle: 'ndjson' } },
  ] as const;
  for (const { provider, config } of cases) {
    const label = `${provider}${'kmStreamStyle' in config ? ` (${config.kmStreamStyle})` : ''}`;
    it(`${label}: an endless stream is cut at the cap, kept, saved, and its request ended`, async () => {
      sim.configure({ ...config, fault: { kind: 'endlessStream', stopAfterMB: 64 } });
      await select(provider);
      await chat.send('Never stop talking');
      const failed = fx.of('chat/error')[0];
      assert.ok(failed, 'the answer ends as failed');
      assert.equal(fx.of('chat/done').length, 0, 'never shown as a complete answer');
      assert.equal(failed.message.status, 'error');
      assert.equal(failed.message.error?.kind, 'tooLarge');
      assert.match(failed.message.error?.message ?? '', /cut at 0\.25 MB.*maxAnswerSizeMB/);
      assert.equal(failed.message.text.length, CAP_CHARS);
      assert.match(failed.message.text, /^(endless )+/);
      const streamed = fx
        .of('chat/delta')
        .map((d) => d.text)
        .join('');
      assert.equal(streamed, failed.message.text, 'the view got exactly the kept text');
      const saved = savedAnswer();
      assert.equal(saved.status, 'error');
      assert.equal(saved.error?.kind, 'tooLarge');
      assert.equal(saved.text, failed.message.text);
      assert.deepEqual(fx.sends, [{ aborted: true, closed: true }], 'the request was ended');
    });
  }

  it('a whole JSON answer over the cap is cut the same way (streaming off)', async () => {
    fx.streamingOn = false;
    fx.limits = { maxAnswerSizeMB: () => 1 / 1024 }; // 1024 characters
    chat = fx.session();
    await chat.shared.refreshTargets();
    sim.configure({ fault: { kind: 'longAnswer', deltas: 2000 } });
    await select('twinexpert');
    await chat.send('A long one');
    const failed = fx.of('chat/error')[0];
    assert.ok(failed);
    assert.equal(failed.message.error?.kind, 'tooLarge');
    assert.equal(failed.message.text.length, 1024);
    assert.equal(savedAnswer().text.length, 1024);
  });

  it('an answer under the cap completes as before', async () => {
    await select('twinexpert');
    await chat.send('What is a closure?');
    const done = fx.of('chat/done')[0];
    assert.ok(done);
    assert.equal(done.message.status, 'complete');
    assert.deepEqual(fx.sends, [{ aborted: false, closed: true }]);
  });

  it('a Retry-After of 1e9 seconds is bounded to an hour, so Retry is not disabled for good', async () => {
    sim.configure({ fault: { kind: 'rateLimit', retryAfter: 'seconds', seconds: 1e9 } });
    await select('twinexpert');
    await chat.send('Hello');
    const failed = fx.of('chat/error')[0];
    assert.ok(failed);
    assert.equal(failed.message.error?.kind, 'rateLimited');
    assert.equal(failed.message.error?.retryAfterSeconds, 3600);
    assert.match(failed.message.error?.message ?? '', /Try again in 3600 s\./);
  });

  it('a saved conversation with a huge Retry-After shows it bounded', async () => {
    sim.configure({ fault: { kind: 'rateLimit', retryAfter: 'seconds', seconds: 5 } });
    await select('twinexpert');
    await chat.send('Hello');
    const file = path.join(fx.dir, `${chat.currentConversationId()}.json`);
    const text = fs
      .readFileSync(file, 'utf8')
      .replace('"retryAfterSeconds":5', '"retryAfterSeconds":1000000000');
    assert.match(text, /"retryAfterSeconds":1000000000/);
    fs.writeFileSync(file, text);
    const reopened = fx.session();
    await reopened.open(chat.currentConversationId());
    const shown = fx.of('conversation/show').at(-1)?.conversation.messages.at(-1);
    // Bounded to an hour, counted from when the answer failed (views.ts, waitLeft).
    const sinceFailed = (Date.now() - (shown?.finishedAt ?? 0)) / 1000;
    const left = shown?.error?.retryAfterSeconds ?? 0;
    assert.ok(left <= 3600 && left >= 3600 - sinceFailed, `${left} s left`);
  });
});
