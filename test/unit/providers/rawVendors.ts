// Both vendors' real provider clients pointed at a raw 127.0.0.1 server, and an answer event of
// each vendor's stream, for tests that write the exact bytes themselves.
import { createKamiMindProvider } from '../../../src/providers/kamiMind';
import { createTwinExpertProvider } from '../../../src/providers/twinExpert';
import type { HttpClient } from '../../../src/providers/http/types';
import type { ChatProvider } from '../../../src/providers/types';
import { KM_BOT, KM_TOKEN, TE_KEY } from './helpers';
import type { RawServer } from './rawServer';

export const SSE = { 'content-type': 'text/event-stream' };

export const TE_DONE = 'event: done\ndata: {"type":"done"}\n\n';

export function teDelta(text: string): string {
  return `event: message\ndata: ${JSON.stringify({ type: 'delta', content: text })}\n\n`;
}

export function kmDelta(text: string): string {
  return `data: ${JSON.stringify({ success: true, data: { message: text } })}\n\n`;
}

export function te(server: Pick<RawServer, 'url'>, client: HttpClient): ChatProvider {
  return createTwinExpertProvider({
    baseUrl: `${server.url}/api/v1`,
    getApiKey: () => Promise.resolve(TE_KEY),
    http: client,
  });
}

export function km(server: Pick<RawServer, 'url'>, client: HttpClient): ChatProvider {
  return createKamiMindProvider({
    baseUrl: server.url,
    getToken: () => Promise.resolve(KM_TOKEN),
    listBots: () => Promise.resolve([{ id: 'bot-1', label: 'Demo bot' }]),
    getBotToken: () => Promise.resolve(KM_BOT),
    http: client,
  });
}

/** Each vendor's provider, an answer event, and the event that says the answer is complete. */
export const VENDORS = [
  { name: 'TwinExpert', provider: te, delta: teDelta, done: TE_DONE },
  { name: 'KamiMind', provider: km, delta: kmDelta, done: 'data: [DONE]\n\n' },
] as const;
