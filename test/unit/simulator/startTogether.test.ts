import * as assert from 'node:assert/strict';
import { FormData, fetch, request } from 'undici';
import { eventually } from '../../harness/eventually';
import {
  DEMO_CREDENTIALS,
  startSimulator,
  type RecordedRequest,
  type Simulator,
} from '../../simulator/server';
import { KM_AUTH, TE_AUTH, TE_JSON, call, newConversation } from './helpers';

// startTogether: answers held until N answer requests wait, so two answers provably overlap
// however far apart their clients asked; bounded by a max hold so a lone request never hangs.

/** Longer than any test here runs: only the other request (or the test) can release a hold. */
const NEVER_MS = 600_000;

describe('simulator: startTogether', () => {
  let sim: Simulator;
  before(async () => {
    sim = await startSimulator({ port: 0, tokenDelayMs: 1 });
  });
  after(() => sim.stop());
  beforeEach(() => sim.reset());

  /** A TwinExpert stream whose body is collected as it arrives, so a test can look mid-way. */
  async function openTwinStream(signal?: AbortSignal) {
    const id = await newConversation(sim);
    const res = await request(`${sim.url}/api/v1/conversations/${id}/messages/stream`, {
      method: 'POST',
      headers: TE_JSON,
      body: JSON.stringify({ content: 'Cùng bắt đầu' }),
      signal,
    });
    const stream = { text: '', ended: undefined as Promise<void> | undefined };
    res.body.setEncoding('utf8');
    res.body.on('data', (chunk: string) => (stream.text += chunk));
    stream.ended = new Promise((resolve) => res.body.on('close', () => resolve()));
    return stream;
  }

  function askBot(streaming: boolean, signal?: AbortSignal) {
    const fd = new FormData();
    fd.append('bot_token', DEMO_CREDENTIALS.kamiMindBotToken);
    fd.append('message', 'Cùng bắt đầu');
    fd.append('streaming', String(streaming));
    return fetch(`${sim.url}/public/v1/response`, {
      method: 'POST',
      headers: KM_AUTH,
      body: fd,
      signal,
    });
  }

  const answers = () =>
    sim.requests.filter(
      (r) => r.path.endsWith('/messages/stream') || r.path === '/public/v1/response',
    );
  const gateOf = (record: RecordedRequest | undefined) => record?.startGate;

  it('holds the first answer until the second arrives, then releases both together', async () => {
    sim.configure({ startTogether: 2, startTogetherMaxHoldMs: NEVER_MS });
    const twin = await openTwinStream();
    await eventually(() => gateOf(answers()[0]) === 'waiting', 'the twin answer held');
    await eventually(() => twin.text.includes('event: progress'), 'the stream open');
    assert.doesNotMatch(twin.text, /event: delta/, 'no delta before the second request');

    const bot = await askBot(false);
    assert.equal(bot.status, 200);
    assert.match(await bot.text(), /Chat successfully/);
    await twin.ended;
    assert.match(twin.text, /event: complete/);
    assert.deepEqual(answers().map(gateOf), ['together', 'together']);
  });

  it('lets a lone answer go alone after the max hold', async () => {
    sim.configure({ startTogether: 2, startTogetherMaxHoldMs: 100 });
    const bot = await askBot(true);
    assert.equal(bot.status, 200);
    assert.match(await bot.text(), /Cảm ơn bạn đã dùng Twin Chat simulator/);
    assert.deepEqual(answers().map(gateOf), ['maxHold']);
  });

  it('counts only answer requests, not other API calls or refused answers', async () => {
    sim.configure({ startTogether: 2, startTogetherMaxHoldMs: NEVER_MS });
    const held = askBot(true);
    await eventually(() => gateOf(answers()[0]) === 'waiting', 'the bot answer held');

    const conversation = await newConversation(sim);
    assert.equal((await call(`${sim.url}/api/v1/twins`, { headers: TE_AUTH })).status, 200);
    const refused = await call(`${sim.url}/api/v1/conversations/${conversation}/messages/stream`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer nope' },
      body: JSON.stringify({ content: 'x' }),
    });
    assert.equal(refused.status, 401);
    assert.equal(gateOf(answers()[0]), 'waiting', 'still held after three other requests');

    const twin = await call(`${sim.url}/api/v1/conversations/${conversation}/messages`, {
      method: 'POST',
      headers: TE_JSON,
      body: JSON.stringify({ content: 'Cùng bắt đầu' }),
    });
    assert.equal(twin.status, 201);
    assert.match(await (await held).text(), /Cảm ơn bạn đã dùng Twin Chat simulator/);
    const gates = answers().map(gateOf);
    const nonStreaming = sim.requests.find((r) => r.path.endsWith('/messages'));
    assert.deepEqual([...gates, gateOf(nonStreaming)], ['together', undefined, 'together']);
  });

  it('forgets a client that left while held, and lets held answers go when the option is reset', async () => {
    sim.configure({ startTogether: 2, startTogetherMaxHoldMs: NEVER_MS });
    const leaving = new AbortController();
    const gone = askBot(true, leaving.signal).catch(() => undefined);
    await eventually(() => gateOf(answers()[0]) === 'waiting', 'the first answer held');
    leaving.abort();
    await gone;
    await eventually(() => gateOf(answers()[0]) === 'left', 'the first answer given up');

    const twin = await openTwinStream();
    await eventually(() => gateOf(answers()[1]) === 'waiting', 'the second answer held');
    sim.configure({ startTogether: 0 });
    await twin.ended;
    assert.match(twin.text, /event: complete/);
    assert.equal(gateOf(answers()[1]), 'reconfigured');
  });

  it('holds nothing by default and refuses a max hold beyond the clients’ time-outs', async () => {
    const bot = await askBot(false);
    assert.equal(bot.status, 200);
    await bot.text();
    assert.equal(gateOf(answers()[0]), undefined);
    assert.throws(() => sim.configure({ startTogetherMaxHoldMs: 600_001 }));
    assert.throws(() => sim.configure({ startTogether: -1 }));
  });
});
