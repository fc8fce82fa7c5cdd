// Shared set-up for the provider tests: a real simulator over HTTP and real provider clients.
import { createHttpClient } from '../../../src/providers/http/client';
import type { HttpClient, HttpOptions, RequestLogEntry } from '../../../src/providers/http/types';
import { createKamiMindProvider } from '../../../src/providers/kamiMind';
import { createTwinExpertProvider } from '../../../src/providers/twinExpert';
import type { ChatEvent, ChatProvider, SendRequest } from '../../../src/providers/types';
import { DEMO_CREDENTIALS, type Simulator } from '../../simulator/server';

export const TE_KEY = DEMO_CREDENTIALS.twinExpertApiKey;
export const KM_TOKEN = DEMO_CREDENTIALS.kamiMindToken;
export const KM_BOT = DEMO_CREDENTIALS.kamiMindBotToken;

export interface TestHttp {
  http: HttpClient;
  logs: RequestLogEntry[];
}

export function testHttp(overrides: Partial<HttpOptions> = {}): TestHttp {
  const logs: RequestLogEntry[] = [];
  const http = createHttpClient({
    connectTimeoutMs: 2000,
    firstByteTimeoutMs: 5000,
    idleTimeoutMs: 5000,
    retry: { maxAttempts: 3, baseDelayMs: 20, maxDelayMs: 2500 },
    onRequestLog: (entry) => logs.push(entry),
    ...overrides,
  });
  return { http, logs };
}

export function teProvider(
  sim: Simulator,
  http: HttpClient,
  apiKey: string | undefined = TE_KEY,
): ChatProvider {
  return createTwinExpertProvider({
    baseUrl: `${sim.url}/api/v1`,
    getApiKey: () => Promise.resolve(apiKey),
    http,
  });
}

export interface KmCredentials {
  token?: string;
  botToken?: string;
}

export function kmProvider(
  sim: Simulator,
  http: HttpClient,
  creds: KmCredentials = {},
): ChatProvider {
  const token = 'token' in creds ? creds.token : KM_TOKEN;
  const botToken = 'botToken' in creds ? creds.botToken : KM_BOT;
  return createKamiMindProvider({
    baseUrl: sim.url,
    getToken: () => Promise.resolve(token),
    listBots: () => Promise.resolve([{ id: 'bot-1', label: 'Demo bot' }]),
    getBotToken: (id) => Promise.resolve(id === 'bot-1' ? botToken : undefined),
    http,
  });
}

export async function collect(events: AsyncIterable<ChatEvent>): Promise<ChatEvent[]> {
  const out: ChatEvent[] = [];
  for await (const event of events) out.push(event);
  return out;
}

export function send(
  provider: ChatProvider,
  request: Partial<SendRequest> & { text?: string },
  signal = new AbortController().signal,
): Promise<ChatEvent[]> {
  const targetId = request.targetId ?? (provider.id === 'kamimind' ? 'bot-1' : 'twin-typescript');
  return collect(
    provider.send({ targetId, text: 'Xin chào 👋', stream: true, ...request }, signal),
  );
}

/** Event types with runs of deltas folded, e.g. ['conversation', 'progress', 'delta+', 'complete']. */
export function shape(events: readonly ChatEvent[]): string[] {
  const out: string[] = [];
  for (const event of events) {
    const name = event.type === 'delta' ? 'delta+' : event.type;
    if (name !== 'delta+' || out[out.length - 1] !== 'delta+') out.push(name);
  }
  return out;
}

export function deltaText(events: readonly ChatEvent[]): string {
  return events.map((e) => (e.type === 'delta' ? e.text : '')).join('');
}

export function terminal(
  events: readonly ChatEvent[],
): Extract<ChatEvent, { type: 'complete' | 'error' }> {
  const last = events[events.length - 1];
  if (!last || (last.type !== 'complete' && last.type !== 'error'))
    throw new Error(`no terminal event: ${JSON.stringify(shape(events))}`);
  const terminals = events.filter((e) => e.type === 'complete' || e.type === 'error');
  if (terminals.length !== 1)
    throw new Error(`expected exactly one terminal event, got ${terminals.length}`);
  return last;
}

export function completeText(events: readonly ChatEvent[]): string {
  const end = terminal(events);
  if (end.type !== 'complete')
    throw new Error(`expected complete, got error ${end.error.kind}: ${end.error.message}`);
  return end.text;
}

export function errorOf(events: readonly ChatEvent[]): Extract<ChatEvent, { type: 'error' }> {
  const end = terminal(events);
  if (end.type !== 'error') throw new Error(`expected an error, got complete`);
  return end;
}

export function firstTwinId(sim: Simulator): Promise<string> {
  const { http } = testHttp();
  return teProvider(sim, http)
    .listTargets()
    .then((targets) => targets[0]?.id ?? '')
    .finally(() => void http.close());
}
