import type { ConversationSummary, SearchHit } from '../../shared/protocol';
import type { Conversation } from '../model';
import { matchConversation } from '../search';
import type { SearchQuery } from './searchQuery';

const DAY_MS = 24 * 60 * 60 * 1000;
/** A conversation from today weighs twice one from long ago; one from a week ago, 1.5 times. */
const RECENCY_HALF_LIFE_DAYS = 7;
/** The query found as typed (a phrase, or with its diacritics) outranks its words found apart. */
const EXACT_BOOST = 1.5;
/**
 * How many pages of the index's matches are read to fill one page of hits. The index matches
 * more than the snippet matcher keeps (words in different messages, a long number by its first
 * digits: searchIndex.ts); reading on fills the page, and the bound keeps a query whose matches
 * mostly fail from reading every conversation.
 */
const PAGES_READ = 4;

interface Scored {
  hit: SearchHit;
  score: number;
}

function recencyBoost(updatedAt: number, now: number): number {
  const ageDays = Math.max(0, now - updatedAt) / DAY_MS;
  return 1 + 1 / (1 + ageDays / RECENCY_HALF_LIFE_DAYS);
}

/** Each candidate read for its snippet, a hit (lifted when it holds the query exactly) or none. */
async function readHits(
  candidates: { conversationId: string; score: number }[],
  query: SearchQuery,
  load: (id: string) => Promise<Conversation | undefined>,
): Promise<Scored[]> {
  const scored = await Promise.all(
    candidates.map(async ({ conversationId, score }) => {
      const conversation = await load(conversationId);
      const match = conversation && matchConversation(conversation, query);
      return match && { hit: match.hit, score: match.exact ? score * EXACT_BOOST : score };
    }),
  );
  return scored.filter((s) => s !== undefined);
}

/**
 * From the index's matches (score per conversation) to hits: weighted by how recent each
 * conversation is, then read from their files for the snippet a page at a time, best first,
 * until `limit` of them hold the query (so mostly only the conversations shown are read).
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
    .slice(0, limit * PAGES_READ);
  const hits: Scored[] = [];
  for (let at = 0; at < candidates.length && hits.length < limit; at += limit) {
    hits.push(...(await readHits(candidates.slice(at, at + limit), query, load)));
  }
  return hits
    .sort((a, b) => b.score - a.score)
    .slice(0, limit)
    .map((s) => s.hit);
}
