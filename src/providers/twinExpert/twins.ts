// GET /twins, all pages. Field names and pagination metadata are undocumented (api-spec T1), so
// ids come from `id`/`_id`/`twin_id`/`twinId` and paging stops on the first signal that it is done.
import { asId, asNumber, asRecord, firstString, type JsonRecord } from '../json';
import { MAX_DESCRIPTION_CHARS, clipLabel, clipText } from '../labels';
import type { ChatTarget } from '../types';

export const TWINS_PAGE_SIZE = 100;
/** A safety bound: 50 pages of 100 twins is far beyond any real account. */
export const MAX_TWIN_PAGES = 50;
/** The most twins kept: a picker longer than this is unusable, and each one costs memory. */
export const MAX_TWINS = 1000;

export interface TwinsPage {
  targets: ChatTarget[];
  itemCount: number;
  hasMore: boolean;
}

export function pageItems(json: unknown): unknown[] {
  if (Array.isArray(json)) return json;
  const root = asRecord(json);
  const data = root?.data;
  if (Array.isArray(data)) return data;
  const nested = asRecord(data);
  const list =
    nested?.items ??
    nested?.twins ??
    nested?.conversations ??
    nested?.messages ??
    root?.items ??
    root?.twins ??
    root?.conversations ??
    root?.messages;
  return Array.isArray(list) ? list : [];
}

function toTarget(item: unknown): ChatTarget | undefined {
  const twin = asRecord(item);
  const id = asId(twin?.id) ?? asId(twin?._id) ?? asId(twin?.twin_id) ?? asId(twin?.twinId);
  if (!twin || !id) return undefined;
  const name = firstString(twin.name, twin.displayName, twin.title, twin.fullName) ?? id;
  const label = clipLabel(name);
  const about = firstString(twin.description, twin.bio, twin.headline);
  const description = about && clipText(about, MAX_DESCRIPTION_CHARS);
  return { provider: 'twinexpert', id, label, ...(description ? { description } : {}) };
}

function paging(json: unknown): JsonRecord | undefined {
  const root = asRecord(json);
  return (
    asRecord(root?.meta) ??
    asRecord(root?.pagination) ??
    asRecord(asRecord(root?.data)?.meta) ??
    asRecord(asRecord(root?.data)?.pagination) ??
    root
  );
}

export function morePagesAfter(
  page: number,
  seen: number,
  itemCount: number,
  json: unknown,
): boolean {
  return morePagesAfterLimit(page, seen, itemCount, TWINS_PAGE_SIZE, json);
}

/**
 * Whether a page of `itemCount` items, asked for `limit` at a time, has a next page. The server's
 * paging facts decide first (it may cap pages below the limit asked for); without them a full page
 * may have more after it, a shorter one is the last, and a longer one means the server ignored the
 * limit and sent everything at once.
 */
export function morePagesAfterLimit(
  page: number,
  seen: number,
  itemCount: number,
  limit: number,
  json: unknown,
): boolean {
  if (itemCount === 0) return false;
  const meta = paging(json);
  const explicit = meta?.hasMore ?? meta?.hasNextPage ?? meta?.has_more;
  if (typeof explicit === 'boolean') return explicit;
  const totalPages = asNumber(meta?.totalPages ?? meta?.total_pages ?? meta?.pages);
  if (totalPages !== undefined) return page < totalPages;
  const total = asNumber(meta?.total ?? meta?.totalCount ?? meta?.totalItems);
  if (total !== undefined) return seen < total;
  return itemCount === limit;
}

/** A server that ignores `page` sends its first page again: the pages before are all there is. */
export function repeatsFirstPage(
  items: readonly unknown[],
  firstPage: readonly unknown[],
): boolean {
  return items.length > 0 && JSON.stringify(items[0]) === JSON.stringify(firstPage[0]);
}

export function parseTwinsPage(json: unknown, page: number, seenBefore: number): TwinsPage {
  const items = pageItems(json);
  const targets = items.map(toTarget).filter((t): t is ChatTarget => t !== undefined);
  const hasMore = morePagesAfter(page, seenBefore + items.length, items.length, json);
  return { targets, itemCount: items.length, hasMore };
}

export function describeTwinCount(json: unknown): string {
  const meta = paging(json);
  const total = asNumber(meta?.total ?? meta?.totalCount);
  return total !== undefined
    ? `${total} twin${total === 1 ? '' : 's'} available`
    : 'twins are listed';
}
