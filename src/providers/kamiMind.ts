// KamiMind client: multipart send with optional streaming (SSE, NDJSON, JSON or raw text), and
// story history. See api-spec.md section 2.
import type { HttpClient } from './http/types';
import { cancelledError } from './http/retry';
import { asRecord } from './json';
import { providerError, type ServiceInfo } from './messages';
import { joinUrl, requestJson } from './requestJson';
import { continuingConversations } from './conversation';
import { toProviderError } from './stream/run';
import type {
  ChatEvent,
  ChatProvider,
  ChatTarget,
  ConnectionCheck,
  HistoryMessage,
  SendRequest,
} from './types';
import { isFailureEnvelope, kmError, kmErrorFromResponse } from './kamiMind/envelope';
import { openAttachments } from './kamiMind/form';
import { parseStoryHistory } from './kamiMind/history';
import { sendKmMessage } from './kamiMind/sendMessage';
import {
  KAMIMIND_BOT_SERVICE,
  KAMIMIND_SERVICE,
  resolveBotToken,
  resolveKamiMindToken,
} from './kamiMind/service';

export interface KamiMindOptions {
  baseUrl: string;
  getToken: () => Promise<string | undefined>;
  listBots: () => Promise<{ id: string; label: string }[]>;
  getBotToken: (botId: string) => Promise<string | undefined>;
  http: HttpClient;
  /** Override how messages tell people to fix the token / bot token (the CLI names env vars). */
  service?: ServiceInfo;
  botService?: ServiceInfo;
}

/** No real story has the nil UUID, so its detail is a cheap, side-effect-free authenticated call. */
const NIL_STORY = '00000000-0000-0000-0000-000000000000';
const NIL_STORY_PROBE =
  'Its 404 above is the expected answer: the check asks for a story that never exists (the nil UUID), and only an accepted token gets that far.';

export function createKamiMindProvider(options: KamiMindOptions): ChatProvider {
  const service = options.service ?? KAMIMIND_SERVICE;
  const botService = options.botService ?? KAMIMIND_BOT_SERVICE;

  async function listTargets(): Promise<ChatTarget[]> {
    const bots = await options.listBots();
    return bots.map((bot) => ({ provider: 'kamimind', id: bot.id, label: bot.label }));
  }

  async function* send(request: SendRequest, signal: AbortSignal): AsyncGenerator<ChatEvent> {
    try {
      if (signal.aborted) throw cancelledError();
      const token = await resolveKamiMindToken(options.getToken, service);
      const botToken = await resolveBotToken(
        options.getBotToken,
        request.targetId,
        botService,
        options.listBots,
      );
      const files = await openAttachments(request.attachments ?? [], service);
      const ctx = {
        http: options.http,
        baseUrl: options.baseUrl,
        service,
        token,
        secrets: [token, botToken],
      };
      const fields = {
        botToken,
        storyId: request.conversationId ?? '',
        message: request.text,
        streaming: request.stream,
      };
      yield* sendKmMessage(ctx, fields, files, signal);
    } catch (error) {
      const failure = signal.aborted ? cancelledError() : toProviderError(error, { service });
      yield { type: 'error', error: failure, partialText: '' };
    }
  }

  async function storyDetail(storyId: string, signal?: AbortSignal): Promise<unknown> {
    const token = await resolveKamiMindToken(options.getToken, service);
    const request = {
      method: 'GET' as const,
      url: joinUrl(options.baseUrl, `/api/bot/story/detail/${encodeURIComponent(storyId)}`),
      headers: { accept: 'application/json', authorization: `Bearer ${token}` },
      signal,
      service,
      secrets: [token],
      quotaKey: token,
    };
    const { json, response } = await requestJson(options.http, request, (r) =>
      kmErrorFromResponse(r, service, [token]),
    );
    const record = asRecord(json);
    if (isFailureEnvelope(record))
      throw kmError(record, response.status, service, {
        requestId: response.requestId,
        secrets: [token],
      });
    return json;
  }

  async function history(storyId: string, signal?: AbortSignal): Promise<HistoryMessage[]> {
    const messages = parseStoryHistory(await storyDetail(storyId, signal));
    if (messages) return messages;
    throw providerError('protocol', service, { detail: 'story detail without data.history' });
  }

  // Check: the detail of the nil-UUID story. 401 (or INVALID_TOKEN) means the token was rejected;
  // 404 / DATA_NOT_FOUND means it was accepted and only the (deliberately absent) story is missing.
  async function checkConnection(signal?: AbortSignal): Promise<ConnectionCheck> {
    try {
      await storyDetail(NIL_STORY, signal);
      return { ok: true, detail: `${service.name} accepted the ${service.credentialName}.` };
    } catch (error) {
      const failure = toProviderError(error, { service });
      if (failure.kind === 'notFound') {
        return {
          ok: true,
          detail: `${service.name} accepted the ${service.credentialName}.`,
          requestId: failure.requestId,
          probe: NIL_STORY_PROBE,
        };
      }
      return {
        ok: false,
        detail: failure.userMessage,
        requestId: failure.requestId,
        error: failure,
      };
    }
  }

  return continuingConversations({ id: 'kamimind', listTargets, send, history, checkConnection });
}
