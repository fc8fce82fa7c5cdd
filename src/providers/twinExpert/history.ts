// Remote message history. The read_only scope promises "view message history" but no endpoint is
// documented (api-spec T9); `GET /conversations/{id}/messages` is the REST-symmetric guess. A 404
// (no such endpoint, or no such conversation) surfaces as `notFound`: callers keep their local
// transcript, which is the source of truth either way.
import { ProviderError } from '../errors';
import { asRecord, firstString, type JsonRecord } from '../json';
import type { HistoryMessage } from '../types';
import { teJson, type TeContext } from './context';
import { isoTime } from './serverConversations';
import { TWINS_PAGE_SIZE, morePagesAfterLimit, pageItems, repeatsFirstPage } from './twins';

/**
 * A bound on the pages read, against a server that always says there is more: 50,000 messages.
 * The twins' bound (5,000) cut a long conversation's newest messages, silently.
 */
const MAX_HISTORY_PAGES = 500;

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
  const iso = isoTime(record.createdAt, record.created_at, record.timestamp);
  return { role, text, ...(iso ? { time: iso } : {}) };
}

/**
 * Oldest first, whichever way the server lists them (the order is not documented: api-spec T9),
 * when every message says when it was written. A list that runs newest first is turned round
 * before sorting, so a question and its answer stamped with the same second keep their order.
 */
function inTimeOrder(messages: HistoryMessage[]): HistoryMessage[] {
  const times = messages.map((m) => (m.time === undefined ? NaN : Date.parse(m.time)));
  if (times.length < 2 || times.some(Number.isNaN)) return messages;
  const newestFirst = (times[0] ?? 0) > (times.at(-1) ?? 0);
  const timed = messages.map((message, i) => ({ message, time: times[i] ?? 0 }));
  if (newestFirst) timed.reverse();
  return timed.sort((a, b) => a.time - b.time).map((t) => t.message); // sort is stable
}

/**
 * A page asked for only to learn whether a short first page was everything: a server that answers
 * a page past the end with an error (400, 404) has said so.
 */
async function probedPage(
  ctx: TeContext,
  path: string,
  signal: AbortSignal | undefined,
): Promise<unknown> {
  try {
    return (await teJson(ctx, 'GET', path, signal)).json;
  } catch (error) {
    if (
      error instanceof ProviderError &&
      (error.kind === 'notFound' || error.kind === 'badRequest')
    )
      return [];
    throw error;
  }
}

export async function teHistory(
  ctx: TeContext,
  conversationId: string,
  signal?: AbortSignal,
): Promise<HistoryMessage[]> {
  const messages: HistoryMessage[] = [];
  let seen = 0;
  let firstPage: unknown[] = [];
  for (let page = 1; page <= MAX_HISTORY_PAGES; page++) {
    const path = `/conversations/${encodeURIComponent(conversationId)}/messages?page=${page}&limit=${TWINS_PAGE_SIZE}`;
    const probing = page === 2 && firstPage.length < TWINS_PAGE_SIZE;
    const json = probing
      ? await probedPage(ctx, path, signal)
      : (await teJson(ctx, 'GET', path, signal)).json;
    const items = pageItems(json);
    if (page === 1) firstPage = items;
    else if (repeatsFirstPage(items, firstPage)) break;
    messages.push(...items.map(toMessage).filter((m): m is HistoryMessage => m !== undefined));
    seen += items.length;
    // A server may cap its pages below the limit asked for without saying so: a short first page
    // is everything or the cap, and the next page tells (empty, or the first page again). From
    // then on the first page's length is the page size.
    const pageSize = Math.min(TWINS_PAGE_SIZE, firstPage.length);
    if (!morePagesAfterLimit(page, seen, items.length, pageSize, json)) break;
  }
  return inTimeOrder(messages);
}
