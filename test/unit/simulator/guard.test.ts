import * as assert from 'node:assert/strict';
import { request } from 'node:http';
import {
  DEMO_CREDENTIALS,
  MAX_RECORDED_REQUESTS,
  startSimulator,
  type Simulator,
} from '../../simulator/server';
import { ADMIN_JSON, KM_AUTH, TE_AUTH, call, json } from './helpers';

/** A request with a Host header of our choosing, as a DNS-rebound page would send it. */
function withHost(sim: Simulator, path: string, host: string): Promise<number> {
  const port = Number(new URL(sim.url).port);
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers: { host } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('simulator: only its own user can drive it', () => {
  let sim: Simulator;
  let port: number;
  before(async () => {
    sim = await startSimulator({ port: 0, tokenDelayMs: 0 });
    port = Number(new URL(sim.url).port);
  });
  after(() => sim.stop());
  beforeEach(() => sim.reset());

  it('answers only requests whose Host is this loopback address and port', async () => {
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]) {
      assert.equal(await withHost(sim, '/__sim/health', host), 200, host);
    }
    for (const host of [`evil.example:${port}`, `127.0.0.1:${port + 1}`, '127.0.0.1']) {
      assert.equal(await withHost(sim, '/__sim/requests', host), 403, host);
      assert.equal(await withHost(sim, '/__sim/demo', host), 403, host);
      assert.equal(await withHost(sim, '/api/v1/twins', host), 403, host);
    }
    assert.equal(sim.requests.length, 0);
  });

  it('admin POSTs need Content-Type application/json (no cross-site simple POST)', async () => {
    const simplePosts: Record<string, string>[] = [{}, { 'content-type': 'text/plain' }];
    for (const headers of simplePosts) {
      const reply = await call(`${sim.url}/__sim/config`, {
        method: 'POST',
        headers,
        body: '{"fault":{"kind":"httpError","status":503}}',
      });
      assert.equal(reply.status, 415);
      assert.equal(sim.config.fault, undefined);
      const reset = await call(`${sim.url}/__sim/reset`, { method: 'POST', headers });
      assert.equal(reset.status, 415);
    }
    const ok = await call(`${sim.url}/__sim/config`, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: '{"teDone":true}',
    });
    assert.equal(ok.status, 200);
    assert.equal(sim.config.teDone, true);
  });

  it('faultMatch is plain text: regular expressions are refused, never compiled', async () => {
    const evil = await call(`${sim.url}/__sim/config`, {
      method: 'POST',
      headers: ADMIN_JSON,
      body: JSON.stringify({ fault: { kind: 'httpError', status: 502 }, faultMatch: '(a+)+b' }),
    });
    assert.equal(evil.status, 400);
    assert.match(evil.text, /plain text/);
    assert.equal(sim.config.faultMatch, undefined);
    const header = await call(`${sim.url}/api/v1/twins`, {
      headers: { ...TE_AUTH, 'x-sim-config': '{"faultMatch":"twins$"}' },
    });
    assert.equal(header.status, 400);
    // The text must end "METHOD /path": it is neither a regex nor a substring anywhere.
    sim.configure({ fault: { kind: 'httpError', status: 502 }, faultMatch: '/twins' });
    assert.equal((await call(`${sim.url}/api/v1/twins`, { headers: TE_AUTH })).status, 502);
    const detail = await call(`${sim.url}/api/v1/twins/twin-typescript`, { headers: TE_AUTH });
    assert.equal(detail.status, 200);
  });

  it('GET /__sim/requests masks keys, tokens and bot tokens; the in-process log keeps them', async () => {
    await call(`${sim.url}/api/v1/twins`, { headers: TE_AUTH });
    await call(`${sim.url}/api/v1/twins`, {
      headers: { 'x-api-key': DEMO_CREDENTIALS.twinExpertApiKey },
    });
    const form = new FormData();
    form.append('bot_token', DEMO_CREDENTIALS.kamiMindBotToken);
    form.append('message', 'hi');
    form.append('streaming', 'false');
    const sent = await fetch(`${sim.url}/public/v1/response`, {
      method: 'POST',
      headers: KM_AUTH,
      body: form,
    });
    assert.equal(sent.status, 200);
    await sent.text();

    const served = (await call(`${sim.url}/__sim/requests`)).text;
    for (const secret of Object.values(DEMO_CREDENTIALS)) {
      assert.ok(!served.includes(secret), `${secret} must not be served`);
    }
    const remote = JSON.parse(served) as {
      headers: Record<string, string>;
      fields?: Record<string, string>;
    }[];
    assert.equal(remote[0]?.headers.authorization, '[redacted]');
    assert.equal(remote[1]?.headers['x-api-key'], '[redacted]');
    assert.equal(remote[2]?.fields?.bot_token, '[redacted]');
    assert.equal(remote[2]?.fields?.message, 'hi');
    assert.equal(sim.requests[0]?.headers.authorization, TE_AUTH.authorization);
    assert.equal(sim.requests[2]?.fields?.bot_token, DEMO_CREDENTIALS.kamiMindBotToken);
  });

  it(`keeps only the newest ${MAX_RECORDED_REQUESTS} requests`, async function () {
    this.timeout(60_000);
    const total = MAX_RECORDED_REQUESTS + 5;
    for (let i = 0; i < total; i++) await call(`${sim.url}/nothing-${i}`);
    assert.equal(sim.requests.length, MAX_RECORDED_REQUESTS);
    assert.equal(sim.requests[0]?.path, '/nothing-5');
    assert.equal(sim.requests.at(-1)?.path, `/nothing-${total - 1}`);
    const remote = (await json(await call(`${sim.url}/__sim/requests`))) as unknown as unknown[];
    assert.equal(remote.length, MAX_RECORDED_REQUESTS);
  });
});
