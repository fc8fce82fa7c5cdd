// TwinExpert ("AI twins") client: list twins, create a conversation when needed, then stream the
// answer over SSE or take the JSON result. See api-spec.md section 1.
import { ProviderError } from './errors';
import type { HttpClient } from './http/types';
import { cancelledError } from './http/retry';
import type { ServiceInfo } from './messages';
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
import { teJson, type TeContext } from './twinExpert/context';
import { teHistory } from './twinExpert/history';
import { conversationIdFrom } from './twinExpert/responses';
import { sendJsonMessage, streamMessage } from './twinExpert/sendMessage';
import { getTwinDetails } from './twinExpert/twinDetails';
import { TwinDetailsCache } from './twinExpert/twinDetailsCache';
import { resolveTwinExpertKey, TWINEXPERT_SERVICE } from './twinExpert/service';
import {
  MAX_TWINS,
  MAX_TWIN_PAGES,
  TWINS_PAGE_SIZE,
  describeTwinCount,
  pageItems,
  parseTwinsPage,
  repeatsFirstPage,
} from './twinExpert/twins';
import { providerError } from './messages';
import { localized } from '../shared/localized';

export interface TwinExpertOptions {
  baseUrl: string;
  getApiKey: () => Promise<string | undefined>;
  http: HttpClient;
  /** Overrides how messages tell people to fix the key (the CLI names an environment variable). */
  service?: ServiceInfo;
  /** Notes for the log, e.g. that a twin list was cut to MAX_TWINS. */
  log?: (message: string) => void;
  /**
   * Fill the first twins' descriptions from GET /twins/{id} (cached; see twinDetailsCache.ts).
   * Off for the CLI's `twins`, which should cost one request per page.
   */
  twinDetails?: boolean;
}

const TITLE_LENGTH = 60;

function conversationTitle(text: string): string {
  const firstLine = text.trim().split('\n')[0] ?? '';
  return firstLine.length > TITLE_LENGTH
    ? `${firstLine.slice(0, TITLE_LENGTH - 1)}…`
    : firstLine || 'Twin Chat';
}

export function createTwinExpertProvider(options: TwinExpertOptions): ChatProvider {
  const service = options.service ?? TWINEXPERT_SERVICE;

  async function context(): Promise<TeContext> {
    const apiKey = await resolveTwinExpertKey(options.getApiKey, service);
    return { http: options.http, baseUrl: options.baseUrl, service, apiKey };
  }

  const details = new TwinDetailsCache(async (id, signal) =>
    getTwinDetails(await context(), id, signal),
  );

  async function listTargets(signal?: AbortSignal): Promise<ChatTarget[]> {
    const targets = await listTwins(signal);
    if (!options.twinDetails) return targets;
    const enriched = await details.enrich(targets, signal);
    if (signal?.aborted) throw cancelledError();
    return enriched;
  }

  async function listTwins(signal?: AbortSignal): Promise<ChatTarget[]> {
    const ctx = await context();
    const targets: ChatTarget[] = [];
    let seen = 0;
    let firstPage: unknown[] = [];
    for (let page = 1; page <= MAX_TWIN_PAGES; page++) {
      const { json } = await teJson(
        ctx,
        'GET',
        `/twins?page=${page}&limit=${TWINS_PAGE_SIZE}`,
        signal,
      );
      const items = pageItems(json);
      if (page === 1) firstPage = items;
      else if (repeatsFirstPage(items, firstPage)) break;
      const parsed = parseTwinsPage(json, page, seen);
      targets.push(...parsed.targets);
      seen += parsed.itemCount;
      if (targets.length >= MAX_TWINS && (parsed.hasMore || targets.length > MAX_TWINS)) {
        options.log?.(
          `${service.name} lists more than ${MAX_TWINS} twins; only the first ${MAX_TWINS} are shown.`,
        );
        return targets.slice(0, MAX_TWINS);
      }
      if (!parsed.hasMore) break;
    }
    return targets;
  }

  async function createConversation(
    ctx: TeContext,
    twinId: string,
    text: string,
    signal: AbortSignal,
  ): Promise<string> {
    const body = { twinId, title: conversationTitle(text) };
    const { json, requestId } = await teJson(ctx, 'POST', '/conversations', signal, body);
    const id = conversationIdFrom(json);
    if (id) return id;
    throw providerError('protocol', service, {
      requestId,
      detail: 'conversation created without data.id',
    });
  }

  async function* send(request: SendRequest, signal: AbortSignal): AsyncGenerator<ChatEvent> {
    let conversationId = request.conversationId;
    try {
      if (signal.aborted) throw cancelledError();
      if (request.attachments && request.attachments.length > 0) throw attachmentsRejected();
      const ctx = await context();
      if (!conversationId) {
        conversationId = await createConversation(ctx, request.targetId, request.text, signal);
        yield { type: 'conversation', conversationId };
      }
      yield* request.stream
        ? streamMessage(ctx, conversationId, request.text, signal)
        : sendJsonMessage(ctx, conversationId, request.text, signal);
    } catch (error) {
      const failure = signal.aborted ? cancelledError() : toProviderError(error, { service });
      yield { type: 'error', error: failure, partialText: '' };
    }
  }

  function attachmentsRejected(): ProviderError {
    return new ProviderError({
      kind: 'badRequest',
      userMessage: localized(
        '{0} does not accept file uploads. Remove the attachment or paste its text into the message.',
        service.name,
      ),
    });
  }

  async function checkConnection(signal?: AbortSignal): Promise<ConnectionCheck> {
    try {
      const ctx = await context();
      const { json, requestId } = await teJson(ctx, 'GET', '/twins?page=1&limit=1', signal);
      return {
        ok: true,
        detail: `${service.name} accepted the API key; ${describeTwinCount(json)}.`,
        requestId,
      };
    } catch (error) {
      const failure = toProviderError(error, { service });
      return {
        ok: false,
        detail: failure.userMessage,
        requestId: failure.requestId,
        error: failure,
      };
    }
  }

  async function history(conversationId: string, signal?: AbortSignal): Promise<HistoryMessage[]> {
    return teHistory(await context(), conversationId, signal);
  }

  return continuingConversations({ id: 'twinexpert', listTargets, send, history, checkConnection });
}
