// npm run bench:providers
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

const DELTAS = 3000;
const RUNS = 5;
const REPLAY_CHUNK = 16 * 1024;
const MB = 1024 * 1024;

interface Measure {
  events: number;
  bytes: number;
  ms: number;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

async function best(run: () => Promise<Measure>): Promise<Measure> {
  const results: Measure[] = [];
  for (let i = 0; i < RUNS; i++) results.push(await run());
  const ms = median(results.map((r) => r.ms));
  return { ...results[0]!, ms };
}

function format(label: string, m: Measure, baseline?: Measure): string {
  const eventsPerSecond = (m.events / m.ms) * 1000;
  const mbPerSecond = (m.bytes / MB / m.ms) * 1000;
  const ratio = baseline
    ? `   ${(mbPerSecond / ((baseline.bytes / MB / baseline.ms) * 1000)).toFixed(3)}x of baseline`
    : '';
  return `${label.padEnd(44)} ${eventsPerSecond.toFixed(0).padStart(10)} events/s ${mbPerSecond.toFixed(2).padStart(9)} MB/s${ratio}`;
}

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

async function main(): Promise<void> {
  const sim = await startSimulator({
    port: 0,
    tokenDelayMs: 0,
    config: { fault: { kind: 'longAnswer', deltas: DELTAS }, faultMatch: 'stream$' },
  });
  try {
    const conversationId = await createConversation(sim);
    const bytes = await recordStream(sim, conversationId);
    const replay = await startReplayServer(bytes);
    const baseline = await best(() => parserAlone(bytes));
    const replayed = await best(() => pipeline(replay.url, 'bench', bytes.length));
    const simulated = await pipeline(`${sim.url}/api/v1`, conversationId, bytes.length);
    await replay.close();
    console.log(
      `twin-chat provider benchmark, Node ${process.version}: ${DELTAS} deltas, ${(bytes.length / MB).toFixed(2)} MB of SSE, median of ${RUNS} runs`,
    );
    console.log(format('eventsource-parser alone (baseline)', baseline));
    console.log(format('client pipeline, replay server at full speed', replayed, baseline));
    console.log(format('client pipeline vs simulator (1 run)', simulated, baseline));
    console.log(
      '(the simulator paces every delta with a timer, so its row measures the simulator, not the client)',
    );
  } finally {
    await sim.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
