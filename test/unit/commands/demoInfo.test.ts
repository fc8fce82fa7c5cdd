import * as assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  demoServerResponds,
  fetchDemoInfo,
  loopbackUrl,
  lookUpDemoServer,
  offerDemoServer,
} from '../../../src/commands/demoInfo';
import { DEMO_CREDENTIALS, startSimulator, type Simulator } from '../../simulator/server';

/** A local server that answers /__sim/demo however a test wants: impostors on a loopback port. */
async function impostor(
  answer: (origin: string) => { status: number; headers?: Record<string, string>; body?: unknown },
): Promise<{ origin: string; server: Server }> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  server.on('request', (_req, res) => {
    const { status, headers, body } = answer(origin);
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(body === undefined ? '' : JSON.stringify(body));
  });
  return { origin, server };
}

function demoBody(twinExpertBaseUrl: string, kamiMindBaseUrl: string) {
  return {
    twinExpertBaseUrl,
    kamiMindBaseUrl,
    twinExpertApiKey: DEMO_CREDENTIALS.twinExpertApiKey,
    kamiMindToken: DEMO_CREDENTIALS.kamiMindToken,
    kamiMindBotToken: DEMO_CREDENTIALS.kamiMindBotToken,
  };
}

describe('"Use Local Demo Server" trusts only the demo server at the address given', () => {
  let sim: Simulator;
  const servers: Server[] = [];
  before(async () => {
    sim = await startSimulator({ port: 0 });
  });
  after(async () => {
    await sim.stop();
    for (const server of servers) server.close();
  });

  async function start(answer: Parameters<typeof impostor>[0]): Promise<string> {
    const { origin, server } = await impostor(answer);
    servers.push(server);
    return origin;
  }

  it('accepts the simulator, by 127.0.0.1 or localhost', async () => {
    const demo = await fetchDemoInfo(new URL(sim.url));
    assert.equal(demo?.twinExpertBaseUrl, `${sim.url}/api/v1`);
    const byName = new URL(sim.url.replace('127.0.0.1', 'localhost'));
    assert.equal((await lookUpDemoServer(byName)).kind, 'ok');
  });

  it('refuses a redirect, even to the real simulator', async () => {
    const origin = await start(() => ({
      status: 302,
      headers: { location: `${sim.url}/__sim/demo` },
    }));
    assert.deepEqual(await lookUpDemoServer(new URL(origin)), { kind: 'noDemo' });
  });

  it('refuses base URLs that are not loopback, on another port, or carry user info', async () => {
    for (const bad of [
      (o: string) => demoBody('https://evil.example/api/v1', o),
      (o: string) => demoBody(`${o}/api/v1`, 'http://10.0.0.7:8080'),
      () => demoBody(`${sim.url}/api/v1`, sim.url), // the right kind of server, another port
      (o: string) => demoBody(`${o.replace('//', '//user:pw@')}/api/v1`, o),
      (o: string) => demoBody(`${o.replace('http:', 'https:')}/api/v1`, o),
    ]) {
      const origin = await start((o) => ({ status: 200, body: bad(o) }));
      const lookup = await lookUpDemoServer(new URL(origin));
      assert.equal(lookup.kind, 'foreignUrl', JSON.stringify(bad(origin)));
      assert.equal(await fetchDemoInfo(new URL(origin)), undefined);
    }
  });

  it('refuses answers that are not demo info, and a closed port', async () => {
    const origin = await start(() => ({ status: 200, body: { hello: 'world' } }));
    assert.deepEqual(await lookUpDemoServer(new URL(origin)), { kind: 'noDemo' });
    const closed = await start(() => ({ status: 200 }));
    servers.pop()?.close();
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(await lookUpDemoServer(new URL(closed), 1000), { kind: 'noDemo' });
  });

  it('only http loopback addresses are accepted as the place to ask', () => {
    assert.ok(loopbackUrl('http://127.0.0.1:3000'));
    assert.ok(loopbackUrl('http://[::1]:3000'));
    for (const bad of [
      'https://127.0.0.1:3000',
      'http://evil.example:3000',
      'http://a@127.0.0.1:1',
    ])
      assert.equal(loopbackUrl(bad), undefined, bad);
  });

  it('tells a running demo server from one that has gone', async () => {
    assert.equal(await demoServerResponds(new URL(sim.url)), true);
    const other = await start(() => ({
      status: 302,
      headers: { location: `${sim.url}/__sim/health` },
    }));
    assert.equal(await demoServerResponds(new URL(other)), false);
    const closed = await start(() => ({ status: 200 }));
    servers.pop()?.close();
    assert.equal(await demoServerResponds(new URL(closed)), false);
  });

  describe('whether the welcome offers "Try the Demo Server"', () => {
    it('offers the demo that answers, and not what is gone or is not the demo', async () => {
      assert.equal(await offerDemoServer(new URL(sim.url)), true);
      const impostor = await start(() => ({ status: 200, body: { hello: 'world' } }));
      assert.equal(await offerDemoServer(new URL(impostor)), false);
      const closed = await start(() => ({ status: 200 }));
      servers.pop()?.close();
      assert.equal(await offerDemoServer(new URL(closed)), false);
    });

    it('still offers it when the answer is slow (a busy extension host after a reload)', async () => {
      // Accepts the connection and answers only once the test has its result: the slowest
      // possible demo. A slow answer is no proof that the demo is gone.
      let answerLater: () => void = () => undefined;
      const slow = createServer((_req, res) => {
        answerLater = () => res.writeHead(503).end();
      });
      await new Promise<void>((resolve) => slow.listen(0, '127.0.0.1', resolve));
      servers.push(slow);
      const origin = `http://127.0.0.1:${(slow.address() as AddressInfo).port}`;
      try {
        assert.equal(await offerDemoServer(new URL(origin), 50), true);
      } finally {
        answerLater();
      }
    });
  });
});
