// GET /conversations?page&limit&twinId (api-spec T5): the conversations a key's account has on the
// server, including those made in TwinExpert's own web app. The response shape is undocumented, so
// ids, titles and times are read from every plausible field, and paging stops on any "no more" sign.
import { asId, asNumber, asRecord, asString, firstString } from '../json';
import { clipLabel } from '../labels';
import { teJson, type TeContext } from './context';
import { morePagesAfterLimit, pageItems } from './twins';

export interface ServerConversation {
  id: string;
  title?: string;
  twinId?: string;
  /** ISO 8601: when the server says it last changed (or was created). */
  updatedAt?: string;
  messageCount?: number;
}

export interface ServerConversationPage {
  conversations: ServerConversation[];
  page: number;
  hasMore: boolean;
}

export const CONVERSATIONS_PAGE_SIZE = 20;

/** The first of `values` that is a time (ISO text, or epoch seconds or milliseconds), as ISO text. */
export function isoTime(...values: unknown[]): string | undefined {
  for (const value of values) {
    const raw = asString(value) ?? asNumber(value);
    if (raw === undefined) continue;
    const date = new Date(typeof raw === 'number' && raw < 1e12 ? raw * 1000 : raw);
    if (!Number.isNaN(date.getTime())) return date.toISOString();
  }
  return undefined;
}

export function toServerConversation(item: unknown): ServerConversation | undefined {
  const c = asRecord(item);
  const id = asId(c?.id) ?? asId(c?._id) ?? asId(c?.conversationId) ?? asId(c?.conversation_id);
  if (!c || !id) return undefined;
  const title = firstString(c.title, c.name, c.subject);
  const twinId = asId(c.twinId) ?? asId(c.twin_id) ?? asId(asRecord(c.twin)?.id);
  const updatedAt = isoTime(
    c.updatedAt,
    c.updated_at,
    c.lastMessageAt,
    c.last_message_at,
    c.createdAt,
    c.created_at,
  );
  const messageCount = asNumber(c.messageCount ?? c.message_count ?? c.messagesCount);
  return {
    id,
    ...(title?.trim() ? { title: clipLabel(title) } : {}),
    ...(twinId ? { twinId } : {}),
    ...(updatedAt ? { updatedAt } : {}),
    ...(messageCount !== undefined ? { messageCount } : {}),
  };
}

export async function listServerConversations(
  ctx: TeContext,
  query: { twinId?: string; page: number; limit?: number },
  signal?: AbortSignal,
): Promise<ServerConversationPage> {
  const limit = query.limit ?? CONVERSATIONS_PAGE_SIZE;
  const params = new URLSearchParams({ page: String(query.page), limit: String(limit) });
  if (query.twinId) params.set('twinId', query.twinId);
  const { json } = await teJson(ctx, 'GET', `/conversations?${params.toString()}`, signal);
  const items = pageItems(json);
  const all = items.map(toServerConversation).filter((c) => c !== undefined);
  // A server that ignores the twinId filter must not show another twin's conversations.
  const conversations = query.twinId
    ? all.filter((c) => c.twinId === undefined || c.twinId === query.twinId)
    : all;
  const seen = (query.page - 1) * limit + items.length;
  const hasMore = morePagesAfterLimit(query.page, seen, items.length, limit, json);
  return { conversations, page: query.page, hasMore };
}
