import type { ConversationSummary, SearchHit } from '../../shared/protocol';
import type { Conversation } from '../model';
import { matchConversation } from '../search';
import type { SearchQuery } from './searchQuery';

const DAY_MS = 24 * 60 * 60 * 1000;
/** A conversation from today weighs twice one from long ago; one from a week ago, 1.5 times. */
const RECENCY_HALF_LIFE_DAYS = 7;
/** The query found as typed (a phrase, or with its diacritics) outranks its words found apart. */
const EXACT_BOOST = 1.5;

function recencyBoost(updatedAt: number, now: number): number {
  const ageDays = Math.max(0, now - updatedAt) / DAY_MS;
  return 1 + 1 / (1 + ageDays / RECENCY_HALF_LIFE_DAYS);
}

/**
 * From the index's matches (score per conversation) to hits: weighted by how recent each
 * conversation is, cut to `limit`, then read from their files for the snippet (so only the
 * conversations shown are read) and lifted when they hold the query exactly.
 */
export async function rankHits(
  ranked: { conversationId: string; score: number }[],
  summaries: ConversationSummary[],
  query: SearchQuery,
  limit: number,
  load: (id: string) => Promise<Conversation | undefined>,
): Promise<SearchHit[]> {
  const now = Date.now();
  const updatedAt = new Map(summaries.map((s) => [s.id, s.updatedAt]));
  const candidates = ranked
    .filter((r) => updatedAt.has(r.conversationId))
    .map((r) => ({
      ...r,
      score: r.score * recencyBoost(updatedAt.get(r.conversationId) ?? 0, now),
    }))
    .sort((a, b) => b.score - a.score)
    .slice(0, limit);
  const scored = await Promise.all(
    candidates.map(async ({ conversationId, score }) => {
      const conversation = await load(conversationId);
      const match = conversation && matchConversation(conversation, query);
      return match && { hit: match.hit, score: match.exact ? score * EXACT_BOOST : score };
    }),
  );
  return scored
    .filter((s) => s !== undefined)
    .sort((a, b) => b.score - a.score)
    .map((s) => s.hit);
}
