// The inferred TwinExpert read shapes (api-spec T2, T5, T9 are undocumented) and one alternative
// each, so the client's tolerance is tested rather than assumed. `array` / `data` are the shapes the
// spec infers; `items` uses other field names throughout (snake_case, `_id`, `sender`/`text`) inside
// a `data.{items|conversations|messages}` object with its own `pagination`; `bare` and `nested` put
// the twin at the root or under `data.twin`.
import type { TeMessage, Twin } from './teStore';
import type { TeListShape, TeTwinShape } from './types';

export interface PageInfo {
  page: number;
  limit: number;
  total: number;
  totalPages: number;
}

export type ListKind = 'twins' | 'conversations' | 'messages';

function altMessage(m: TeMessage): Record<string, unknown> {
  return {
    _id: m.id,
    sender: m.role === 'user' ? 'user' : 'twin',
    text: m.content,
    created_at: m.createdAt,
  };
}

function altConversation(c: Record<string, unknown>): Record<string, unknown> {
  return {
    _id: c.id,
    name: c.title,
    twin_id: c.twinId,
    message_count: c.messageCount,
    created_at: c.createdAt,
    updated_at: c.updatedAt,
  };
}

function alternative(kind: ListKind, item: unknown): unknown {
  if (kind === 'messages') return altMessage(item as TeMessage);
  if (kind === 'conversations') return altConversation(item as Record<string, unknown>);
  return item;
}

export function listBody(
  shape: TeListShape,
  kind: ListKind,
  items: unknown[],
  page: PageInfo,
): Record<string, unknown> {
  if (shape === 'array') return { success: true, data: items, meta: page };
  const pagination = {
    page: page.page,
    limit: page.limit,
    total: page.total,
    hasMore: page.page < page.totalPages,
  };
  const key = kind === 'twins' ? 'items' : kind;
  return { data: { [key]: items.map((item) => alternative(kind, item)), pagination } };
}

/**
 * A twin's details say more than its list entry: a headline and areas of expertise (field names
 * are a guess, the response is undocumented) and an avatar URL that clients must never load.
 */
export function twinDetails(twin: Twin): Record<string, unknown> {
  return {
    ...twin,
    headline: `${twin.name}: trả lời 24/7`,
    expertise: ['tư vấn', 'hỏi đáp'],
    avatarUrl: `https://cdn.twinexpert.com/avatars/${encodeURIComponent(twin.id)}.png`,
  };
}

export function twinBody(shape: TeTwinShape, twin: Twin): Record<string, unknown> {
  const details = twinDetails(twin);
  if (shape === 'bare') return details;
  if (shape === 'nested') return { success: true, data: { twin: details } };
  return { success: true, data: details };
}
