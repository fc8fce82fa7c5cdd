import type { SearchHit } from '../../shared/protocol';
import type { Conversation } from '../model';
import { matchConversation } from '../search';
import type { SearchQuery } from './searchQuery';

const DAY_MS = 24 * 60 * 60 * 1000;
/** A conversation from today weighs twice one from long ago; one from a week ago, 1.5 times. */
const RECENCY_HALF_LIFE_DAYS = 7;
/** The query found as typed (a phrase, or with its diacritics) outranks its words found apart. */
const EXACT_BOOST = 1.5;
/**
 * How many pages of the index's matches one request reads at most to fill its page. The index
 * matches more than the snippet matcher keeps (words in different messages, a long number by its
 * first digits: searchIndex.ts); reading on fills the page, and the bound keeps a query whose
 * matches mostly fail from reading every conversation at once (the list asks for more).
 */
const PAGES_READ = 4;

/** A conversation the index matched: its score there, and when it was last changed. */
export interface IndexMatch {
  conversationId: string;
  score: number;
  updatedAt: number;
}

interface Scored {
  hit: SearchHit;
  score: number;
}

function recencyBoost(updatedAt: number, now: number): number {
  const ageDays = Math.max(0, now - updatedAt) / DAY_MS;
  return 1 + 1 / (1 + ageDays / RECENCY_HALF_LIFE_DAYS);
}

/** The index's matches best first, weighted by how recent each conversation is. */
function byRecency(matches: readonly IndexMatch[]): { conversationId: string; score: number }[] {
  const now = Date.now();
  return matches
    .map((m) => ({
      conversationId: m.conversationId,
      score: m.score * recencyBoost(m.updatedAt, now),
    }))
    .sort((a, b) => b.score - a.score);
}

/**
 * One query's hits, read a page at a time as the list asks for them: only the conversations of
 * the pages shown are read from their files (for the snippet, the count of matching messages and
 * to verify the index's match), so a search costs the same at 10 conversations as at 1,000 but
 * for the index lookup. Within a page, hits holding the query as typed are lifted.
 */
export class SearchRun {
  private readonly candidates: { conversationId: string; score: number }[];
  private readonly hits: SearchHit[] = [];
  private next = 0;
  /** Pages are read one after the other: two lists asking at once must not read the same ones. */
  private reading: Promise<unknown> = Promise.resolve();

  constructor(
    matches: readonly IndexMatch[],
    private readonly query: SearchQuery,
    private readonly load: (id: string) => Promise<Conversation | undefined>,
  ) {
    this.candidates = byRecency(matches);
  }

  /** Hits `from` to `from + limit`, and whether the index matched more than were read. */
  page(from: number, limit: number): Promise<{ hits: SearchHit[]; more: boolean }> {
    const result = this.reading.then(async () => {
      // Pages before `from` are read first when this run did not read them (a list asking for
      // more after another query replaced its run); then one page, at most PAGES_READ deep.
      while (this.hits.length < from && this.unread) await this.readPage(limit);
      if (this.hits.length < from + limit && this.unread) await this.readPage(limit);
      return {
        hits: this.hits.slice(from, from + limit),
        more: this.hits.length > from + limit || this.unread,
      };
    });
    this.reading = result.catch(() => undefined);
    return result;
  }

  private get unread(): boolean {
    return this.next < this.candidates.length;
  }

  /** Reads candidates, as many at once as hits are missing, until a page of `limit` is full. */
  private async readPage(limit: number): Promise<void> {
    const page: Scored[] = [];
    const stop = Math.min(this.candidates.length, this.next + limit * PAGES_READ);
    while (page.length < limit && this.next < stop) {
      const batch = this.candidates.slice(
        this.next,
        Math.min(stop, this.next + limit - page.length),
      );
      this.next += batch.length;
      page.push(...(await this.readHits(batch)));
    }
    page.sort((a, b) => b.score - a.score);
    this.hits.push(...page.map((s) => s.hit));
  }

  /** Each candidate read for its snippet: a hit (lifted when it holds the query exactly) or none. */
  private async readHits(batch: { conversationId: string; score: number }[]): Promise<Scored[]> {
    const scored = await Promise.all(
      batch.map(async ({ conversationId, score }) => {
        const conversation = await this.load(conversationId);
        const match = conversation && matchConversation(conversation, this.query);
        return match && { hit: match.hit, score: match.exact ? score * EXACT_BOOST : score };
      }),
    );
    return scored.filter((s) => s !== undefined);
  }
}
