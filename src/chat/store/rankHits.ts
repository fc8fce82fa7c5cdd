import type { SearchHit } from '../../shared/protocol';
import type { Conversation } from '../model';
import { matchConversation } from '../search';
import { BestFirst } from './bestFirst';
import type { IndexMatches } from './indexMatches';
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

interface Scored {
  hit: SearchHit;
  score: number;
}

interface Candidate {
  conversationId: string;
  score: number;
}

function recencyBoost(updatedAt: number, now: number): number {
  const ageDays = Math.max(0, now - updatedAt) / DAY_MS;
  return 1 + 1 / (1 + ageDays / RECENCY_HALF_LIFE_DAYS);
}

/** The index's scores weighted by how recent each conversation is. */
function byRecency(matches: IndexMatches): Float64Array {
  const now = Date.now();
  const weighted = new Float64Array(matches.scores.length);
  for (let i = 0; i < weighted.length; i++) {
    weighted[i] = (matches.scores[i] ?? 0) * recencyBoost(matches.updatedAt[i] ?? 0, now);
  }
  return weighted;
}

/**
 * One query's hits, read a page at a time as the list asks for them: only the conversations of
 * the pages shown are read from their files (for the snippet, the count of matching messages and
 * to verify the index's match), so a search costs the same at 10 conversations as at 1,000 but
 * for the index lookup. Within a page, hits holding the query as typed are lifted.
 */
export class SearchRun {
  /** The index's matches not read yet, best first (recency-weighted), ordered as they are read. */
  private readonly candidates: BestFirst;
  private readonly weights: Float64Array;
  private readonly hits: SearchHit[] = [];
  /** Pages are read one after the other: two lists asking at once must not read the same ones. */
  private reading: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly matches: IndexMatches,
    private readonly query: SearchQuery,
    private readonly load: (id: string) => Promise<Conversation | undefined>,
  ) {
    this.weights = byRecency(matches);
    this.candidates = new BestFirst(this.weights);
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
    return this.candidates.remaining > 0;
  }

  /** Reads candidates, as many at once as hits are missing, until a page of `limit` is full. */
  private async readPage(limit: number): Promise<void> {
    const page: Scored[] = [];
    let budget = limit * PAGES_READ;
    while (page.length < limit && budget > 0 && this.unread) {
      const batch = this.candidates.take(Math.min(budget, limit - page.length)).map((i) => ({
        conversationId: this.matches.conversationIds[i] ?? '',
        score: this.weights[i] ?? 0,
      }));
      budget -= batch.length;
      page.push(...(await this.readHits(batch)));
    }
    page.sort((a, b) => b.score - a.score);
    this.hits.push(...page.map((s) => s.hit));
  }

  /** Each candidate read for its snippet: a hit (lifted when it holds the query exactly) or none. */
  private async readHits(batch: readonly Candidate[]): Promise<Scored[]> {
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
