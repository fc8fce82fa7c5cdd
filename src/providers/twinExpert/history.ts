// Remote message history. The read_only scope promises "view message history" but no endpoint is
// documented (api-spec T9); `GET /conversations/{id}/messages` is the REST-symmetric guess. A 404
// (no such endpoint, or no such conversation) surfaces as `notFound`: callers keep their local
// transcript, which is the source of truth either way.
import { asRecord, asString, firstString, type JsonRecord } from '../json';
import type { HistoryMessage } from '../types';
import { teJson, type TeContext } from './context';
import {
  MAX_TWIN_PAGES,
  TWINS_PAGE_SIZE,
  morePagesAfter,
  pageItems,
  repeatsFirstPage,
} from './twins';

/** Who wrote a message: `role`, `sender` or `author` naming the user, or an `isUser` flag. */
function isUserMessage(record: JsonRecord): boolean {
  if (typeof record.isUser === 'boolean') return record.isUser;
  const who = firstString(record.role, record.sender, record.author, record.from)?.toLowerCase();
  return who === 'user' || who === 'human' || who === 'client';
}

function toMessage(item: unknown): HistoryMessage | undefined {
  const record = asRecord(item);
  const text = firstString(record?.content, record?.text, record?.message);
  if (!record || text === undefined) return undefined;
  const role = isUserMessage(record) ? 'user' : 'assistant';
  const time = asString(record.createdAt) ?? asString(record.created_at);
  const iso = time && !Number.isNaN(Date.parse(time)) ? new Date(time).toISOString() : undefined;
  return { role, text, ...(iso ? { time: iso } : {}) };
}

export async function teHistory(
  ctx: TeContext,
  conversationId: string,
  signal?: AbortSignal,
): Promise<HistoryMessage[]> {
  const messages: HistoryMessage[] = [];
  let seen = 0;
  let firstPage: unknown[] = [];
  for (let page = 1; page <= MAX_TWIN_PAGES; page++) {
    const path = `/conversations/${encodeURIComponent(conversationId)}/messages?page=${page}&limit=${TWINS_PAGE_SIZE}`;
    const { json } = await teJson(ctx, 'GET', path, signal);
    const items = pageItems(json);
    if (page === 1) firstPage = items;
    else if (repeatsFirstPage(items, firstPage)) break;
    messages.push(...items.map(toMessage).filter((m): m is HistoryMessage => m !== undefined));
    seen += items.length;
    if (!morePagesAfter(page, seen, items.length, json)) break;
  }
  return messages;
}
