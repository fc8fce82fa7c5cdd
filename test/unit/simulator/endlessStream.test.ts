import * as assert from 'node:assert/strict';
import { FormData, fetch } from 'undici';
import { DEMO_CREDENTIALS, startSimulator, type Simulator } from '../../simulator/server';
import { KM_AUTH } from './helpers';

// The endlessStream switch plays a server that never finishes an answer, yet is bounded itself:
// a client with no cap must not make the simulator stream forever.

describe('simulator: endlessStream', function () {
  this.timeout(30_000);
  let sim: Simulator;
  before(async () => {
    sim = await startSimulator({ port: 0, tokenDelayMs: 0 });
  });
  after(() => sim.stop());

  function post(stopAfterMB: number) {
    const fd = new FormData();
    fd.append('bot_token', DEMO_CREDENTIALS.kamiMindBotToken);
    fd.append('message', 'go on');
    fd.append('streaming', 'true');
    return fetch(`${sim.url}/public/v1/response`, {
      method: 'POST',
      headers: {
        ...KM_AUTH,
        'x-sim-fault': JSON.stringify({ kind: 'endlessStream', stopAfterMB }),
      },
      body: fd,
    });
  }

  it('streams deltas with no terminal event, and stops by itself after stopAfterMB', async () => {
    const res = await post(1);
    assert.equal(res.status, 200);
    const text = await res.text(); // resolves only because the server ends the body
    assert.ok(text.length >= 1024 * 1024, `${text.length} characters`);
    assert.ok(text.length < 1024 * 1024 + 32 * 1024, `${text.length} characters`);
    assert.match(text, /^(endless )+$/);
  });

  it('rejects an unbounded stopAfterMB', async () => {
    const res = await post(1_000_000);
    assert.equal(res.status, 400);
  });
});
