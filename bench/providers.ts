// npm run bench:providers (or node out/bench/providers.js [--quick])
// Throughput of the TwinExpert client pipeline (undici -> streaming UTF-8 -> eventsource-parser ->
// event mapping -> ChatEvent) next to eventsource-parser alone on the same bytes. Everything runs
// on 127.0.0.1 with a fixed number of runs, so it is bounded and needs no network.
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createParser } from 'eventsource-parser';
import { request } from 'undici';
import { createHttpClient } from '../src/providers/http/client';
import { createTwinExpertProvider } from '../src/providers/twinExpert';
import { DEMO_CREDENTIALS, startSimulator, type Simulator } from '../test/simulator/server';
import type { Benchmark, BenchRow } from './lib/result';
import { runStandalone } from './lib/standalone';

const REPLAY_CHUNK = 16 * 1024;
const MB = 1024 * 1024;

interface Measure {
  events: number;
  bytes: number;
  ms: number;
}

async function best(runs: number, run: () => Promise<Measure>): Promise<Measure> {
  const results: Measure[] = [];
  for (let i = 0; i < runs; i++) results.push(await run());
  const sorted = results.map((r) => r.ms).sort((a, b) => a - b);
  return { ...results[0]!, ms: sorted[Math.floor(sorted.length / 2)]! };
}

const mbPerSecond = (m: Measure): number => (m.bytes / MB / m.ms) * 1000;
const eventsPerSecond = (m: Measure): number => (m.events / m.ms) * 1000;

async function createConversation(sim: Simulator): Promise<string> {
  const response = await request(`${sim.url}/api/v1/conversations`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${DEMO_CREDENTIALS.twinExpertApiKey}`,
      'content-type': 'application/json',
    },
    body: JSON.stringify({ twinId: 'twin-typescript' }),
  });
  return ((await response.body.json()) as { data: { id: string } }).data.id;
}

async function recordStream(sim: Simulator, conversationId: string): Promise<Buffer> {
  const response = await request(
    `${sim.url}/api/v1/conversations/${conversationId}/messages/stream`,
    {
      method: 'POST',
      headers: {
        authorization: `Bearer ${DEMO_CREDENTIALS.twinExpertApiKey}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ content: 'benchmark' }),
    },
  );
  return Buffer.from(await response.body.arrayBuffer());
}

function parserAlone(bytes: Buffer): Promise<Measure> {
  const started = performance.now();
  let events = 0;
  const parser = createParser({ onEvent: () => void events++ });
  const decoder = new TextDecoder();
  for (let i = 0; i < bytes.length; i += REPLAY_CHUNK)
    parser.feed(decoder.decode(bytes.subarray(i, i + REPLAY_CHUNK), { stream: true }));
  parser.feed(decoder.decode());
  return Promise.resolve({ events, bytes: bytes.length, ms: performance.now() - started });
}

/** Serves the recorded bytes as fast as the socket takes them, to measure the client alone. */
async function startReplayServer(
  bytes: Buffer,
): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer((req, res) => {
    req.resume();
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    for (let i = 0; i < bytes.length; i += REPLAY_CHUNK)
      res.write(bytes.subarray(i, i + REPLAY_CHUNK));
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api/v1`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

async function pipeline(baseUrl: string, conversationId: string, bytes: number): Promise<Measure> {
  const client = createHttpClient({
    connectTimeoutMs: 5000,
    firstByteTimeoutMs: 30_000,
    idleTimeoutMs: 30_000,
  });
  const provider = createTwinExpertProvider({
    baseUrl,
    getApiKey: () => Promise.resolve(DEMO_CREDENTIALS.twinExpertApiKey),
    http: client,
  });
  const started = performance.now();
  let events = 0;
  for await (const event of provider.send(
    { targetId: 'twin-typescript', conversationId, text: 'benchmark', stream: true },
    new AbortController().signal,
  )) {
    events++;
    if (event.type === 'error') throw new Error(event.error.message);
  }
  const ms = performance.now() - started;
  await client.close();
  return { events, bytes, ms };
}

function rows(pipeline: Measure, parser: Measure, runs: number, deltas: number): BenchRow[] {
  const what = `${deltas} deltas, ${(parser.bytes / MB).toFixed(2)} MB of TwinExpert SSE`;
  const row = (metric: string, unit: 'MB/s' | 'deltas/s', f: (m: Measure) => number): BenchRow => ({
    bench: 'providers',
    metric,
    value: f(pipeline),
    unit,
    baseline: { label: 'eventsource-parser alone on the same bytes', value: f(parser) },
    ratio: f(pipeline) / f(parser),
    runs,
    note: `${what}, served by a local replay server as fast as the socket takes them`,
  });
  return [
    row(
      'client pipeline throughput (undici → UTF-8 → SSE parser → ChatEvents)',
      'MB/s',
      mbPerSecond,
    ),
    row('client pipeline events', 'deltas/s', eventsPerSecond),
  ];
}

export const run: Benchmark = async ({ quick }) => {
  const deltas = quick ? 300 : 3000;
  const runs = quick ? 1 : 5;
  const sim = await startSimulator({
    port: 0,
    tokenDelayMs: 0,
    config: { fault: { kind: 'longAnswer', deltas }, faultMatch: 'stream' },
  });
  try {
    const conversationId = await createConversation(sim);
    const bytes = await recordStream(sim, conversationId);
    const replay = await startReplayServer(bytes);
    try {
      const parser = await best(runs, () => parserAlone(bytes));
      const client = await best(runs, () => pipeline(replay.url, 'bench', bytes.length));
      return rows(client, parser, runs, deltas);
    } finally {
      await replay.close();
    }
  } finally {
    await sim.stop();
  }
};

runStandalone('providers', run);
