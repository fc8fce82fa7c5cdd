import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { createInterface } from 'node:readline';
import { DEMO_CREDENTIALS, startSimulator, type Simulator } from '../../simulator/server';
import { ADMIN_JSON, TE_AUTH, TE_JSON, call, json, newConversation } from './helpers';

describe('simulator: control', () => {
  let sim: Simulator;
  before(async () => {
    sim = await startSimulator({ port: 0, tokenDelayMs: 0 });
  });
  after(() => sim.stop());
  beforeEach(() => sim.reset());

  it('records API requests (not admin ones) with query, headers and JSON', async () => {
    await newConversation(sim);
    await call(`${sim.url}/api/v1/twins?page=1&limit=2`, { headers: TE_AUTH });
    await call(`${sim.url}/__sim/health`);
    assert.equal(sim.requests.length, 2);
    assert.deepEqual(sim.requests[0]?.json, { twinId: 'twin-typescript', title: 'Test' });
    assert.deepEqual(sim.requests[1]?.query, { page: '1', limit: '2' });
    assert.equal(sim.requests[1]?.headers.authorization, TE_AUTH.authorization);
    const remote = (await json(await call(`${sim.url}/__sim/requests`))) as unknown as {
      path: string;
    }[];
    assert.deepEqual(
      remote.map((r) => r.path),
      ['/api/v1/conversations', '/api/v1/twins'],
    );
  });

  it('GET /__sim/demo tells the extension where to connect and with which demo credentials', async () => {
    const demo = (await json(await call(`${sim.url}/__sim/demo`))) as Record<string, string>;
    assert.equal(demo.twinExpertBaseUrl, `${sim.url}/api/v1`);
    assert.equal(demo.kamiMindBaseUrl, sim.url);
    assert.equal(demo.twinExpertApiKey, DEMO_CREDENTIALS.twinExpertApiKey);
    assert.equal(demo.kamiMindToken, DEMO_CREDENTIALS.kamiMindToken);
    assert.equal(demo.kamiMindBotToken, DEMO_CREDENTIALS.kamiMindBotToken);
  });

  it('POST /__sim/config changes the config; bad patches get 400', async () => {
    const reply = await call(`${sim.url}/__sim/config`, {
      method: 'POST',
      headers: ADMIN_JSON,
      body: JSON.stringify({ teSseStyle: 'typed', fault: { kind: 'httpError', status: 503 } }),
    });
    assert.equal(reply.status, 200);
    assert.equal(sim.config.teSseStyle, 'typed');
    assert.equal((await call(`${sim.url}/api/v1/twins`, { headers: TE_AUTH })).status, 503);
    const bad = await call(`${sim.url}/__sim/config`, {
      method: 'POST',
      headers: ADMIN_JSON,
      body: JSON.stringify({ teSseStyle: 'weird' }),
    });
    assert.equal(bad.status, 400);
    const badFault = await call(`${sim.url}/__sim/config`, {
      method: 'POST',
      headers: ADMIN_JSON,
      body: '{"fault":{"kind":"nope"}}',
    });
    assert.equal(badFault.status, 400);
    await call(`${sim.url}/__sim/config`, {
      method: 'POST',
      headers: ADMIN_JSON,
      body: '{"fault":null}',
    });
    assert.equal((await call(`${sim.url}/api/v1/twins`, { headers: TE_AUTH })).status, 200);
  });

  it('POST /__sim/reset forgets requests, conversations and config', async () => {
    const id = await newConversation(sim);
    sim.configure({ teJsonShape: 'content' });
    const reply = await call(`${sim.url}/__sim/reset`, { method: 'POST', headers: ADMIN_JSON });
    assert.equal(reply.status, 200);
    assert.equal(sim.config.teJsonShape, 'assistantMessage');
    assert.equal(sim.requests.length, 0);
    assert.equal(
      (await call(`${sim.url}/api/v1/conversations/${id}`, { headers: TE_AUTH })).status,
      404,
    );
  });

  it('faultOnce applies to the first matching request only; faultMatch filters by route', async () => {
    sim.configure({
      fault: { kind: 'httpError', status: 502 },
      faultOnce: true,
      faultMatch: '/messages',
    });
    assert.equal((await call(`${sim.url}/api/v1/twins`, { headers: TE_AUTH })).status, 200);
    const id = await newConversation(sim);
    const send = () =>
      call(`${sim.url}/api/v1/conversations/${id}/messages`, {
        method: 'POST',
        headers: TE_JSON,
        body: '{"content":"x"}',
      });
    assert.equal((await send()).status, 502);
    assert.equal((await send()).status, 201);
    assert.equal(sim.config.fault, undefined);
  });

  it('rejects invalid x-sim-fault and x-sim-config headers with 400', async () => {
    const badJson = await call(`${sim.url}/api/v1/twins`, {
      headers: { ...TE_AUTH, 'x-sim-fault': '{oops' },
    });
    assert.equal(badJson.status, 400);
    const badConfig = await call(`${sim.url}/api/v1/twins`, {
      headers: { ...TE_AUTH, 'x-sim-config': '{"nope":1}' },
    });
    assert.equal(badConfig.status, 400);
  });

  it('answers unknown paths and admin routes with 404, and / with the base URLs', async () => {
    assert.equal((await call(`${sim.url}/elsewhere`)).status, 404);
    assert.equal((await call(`${sim.url}/__sim/nothing`)).status, 404);
    const info = await json(await call(`${sim.url}/`));
    assert.equal(info.twinExpertBaseUrl, `${sim.url}/api/v1`);
    assert.equal(info.kamiMindBaseUrl, sim.url);
  });

  it('CLI: prints the base URL first, the credentials, and exits cleanly on SIGTERM', async () => {
    const main = path.resolve(__dirname, '..', '..', 'simulator', 'main.js');
    const child = spawn(process.execPath, [main, '--port', '0', '--quiet', '--km-stream', 'sse'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const lines: string[] = [];
    const rl = createInterface({ input: child.stdout });
    const exited = new Promise<number | null>((resolve) =>
      child.on('exit', (code) => resolve(code)),
    );
    for await (const line of rl) {
      lines.push(line);
      if (line.includes('Admin:')) break;
    }
    const url = /http:\/\/127\.0\.0\.1:\d+/.exec(lines[0] ?? '')?.[0] ?? '';
    assert.ok(url, lines[0]);
    assert.ok(lines.some((l) => l.includes(`${url}/api/v1`)));
    assert.ok(lines.some((l) => l.includes('ak_demo')));
    const config = (await json(await call(`${url}/__sim/config`))) as { kmStreamStyle: string };
    assert.equal(config.kmStreamStyle, 'sse');
    child.kill('SIGTERM');
    assert.equal(await exited, 0);
  });
});
