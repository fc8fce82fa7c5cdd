// What TwinExpert keeps on the server beyond sending: the account's conversations, one
// conversation's messages and one twin's details. Built from the same options (and so the same key
// check, HTTP client and quota book) as the chat provider in twinExpert.ts.
import type { HistoryMessage } from './types';
import type { TwinExpertOptions } from './twinExpert';
import type { TeContext } from './twinExpert/context';
import { teHistory } from './twinExpert/history';
import {
  listServerConversations,
  type ServerConversationPage,
} from './twinExpert/serverConversations';
import { resolveTwinExpertKey, TWINEXPERT_SERVICE } from './twinExpert/service';
import { getTwinDetails, type TwinDetails } from './twinExpert/twinDetails';

export type { ServerConversation, ServerConversationPage } from './twinExpert/serverConversations';
export type { TwinDetails, TwinDetailField } from './twinExpert/twinDetails';

export interface TwinExpertServer {
  conversations(
    query: { twinId?: string; page: number; limit?: number },
    signal?: AbortSignal,
  ): Promise<ServerConversationPage>;
  /** Rejects with a `notFound` ProviderError when the server offers no history for it. */
  messages(conversationId: string, signal?: AbortSignal): Promise<HistoryMessage[]>;
  twin(id: string, signal?: AbortSignal): Promise<TwinDetails>;
}

export function createTwinExpertServer(
  options: Pick<TwinExpertOptions, 'baseUrl' | 'getApiKey' | 'http' | 'service'>,
): TwinExpertServer {
  const service = options.service ?? TWINEXPERT_SERVICE;
  async function context(): Promise<TeContext> {
    const apiKey = await resolveTwinExpertKey(options.getApiKey, service);
    return { http: options.http, baseUrl: options.baseUrl, service, apiKey };
  }
  return {
    conversations: async (query, signal) => listServerConversations(await context(), query, signal),
    messages: async (id, signal) => teHistory(await context(), id, signal),
    twin: async (id, signal) => getTwinDetails(await context(), id, signal),
  };
}
