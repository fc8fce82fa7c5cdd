import type { SearchHit } from '../../shared/protocol';
import type { Conversation } from '../model';
import { backgroundTimer, type Timer } from '../timer';
import { ConversationCache } from './conversationCache';
import { SearchRun } from './rankHits';
import { SearchIndexKeeper, type IndexSource } from './searchIndexKeeper';
import { parseQuery } from './searchQuery';
import { SearchRuns } from './searchRuns';

/**
 * Hits per page of search: about what the history list shows at once. Each hit's conversation is
 * read and matched for its snippet and count, so a bigger first page costs time to first result.
 */
export const SEARCH_PAGE_SIZE = 20;
/**
 * How far down a query's hits a list may page (25 pages). `from` comes from the page, which is
 * untrusted: without a bound, one message asking for hit 10^12 would read every matching file.
 */
export const MAX_SEARCH_HITS = 500;
/**
 * How long search trusts the list as it last looked, before looking again for what another window
 * saved or deleted. A query being typed searches at each pause (the history panel waits 250 ms);
 * each look is a trip through Node's file system thread pool, which on a busy machine took longer
 * than the search (up to 2 ms against 0.3), and another window's writes are seen within this at
 * the latest.
 */
export const LIST_LOOK_MS = 1000;

/** Search results, and whether the index was still catching up with the files when it answered. */
export interface SearchResults {
  hits: SearchHit[];
  catchingUp: boolean;
  /** The index matched more conversations than this page and those before it hold. */
  more: boolean;
}

/** What search reads the conversations through (the store), beyond what the index reads. */
export interface SearchSource extends IndexSource {
  /** A conversation with its journal applied, and the length of its file's text. */
  read(id: string): Promise<{ conversation: Conversation; chars: number } | undefined>;
  /** Follows what another window saved or deleted since the list was last read. */
  refreshList(): Promise<unknown>;
}

/**
 * Full-text search over the store's conversations: the index (store/searchIndexKeeper.ts) finds
 * and ranks them, and only the pages of hits the list shows are read from their files for their
 * snippets (store/rankHits.ts). The store tells it what it writes and deletes.
 */
export class ConversationSearch {
  private readonly index: SearchIndexKeeper;
  /** What search read last, so typing a query key by key does not re-read the same files. */
  private readonly cache = new ConversationCache();
  /** Recent queries' hits as far as read, for the list asking for its next page. */
  private readonly runs = new SearchRuns<SearchRun>();
  /** Search looked at the list less than LIST_LOOK_MS ago. */
  private listLooked = false;

  constructor(
    file: string,
    private readonly source: SearchSource,
    private readonly timer: Timer = backgroundTimer,
  ) {
    this.index = new SearchIndexKeeper(file, source, timer);
  }

  /**
   * Best hits first, a page at a time: `from` 0 searches anew, a later page goes on reading where
   * the query's run stopped. While the index is being rebuilt, conversations not indexed yet are
   * missing, and `catchingUp` says so.
   */
  async page(query: string, from: number, limit: number): Promise<SearchResults> {
    const parsed = parseQuery(query);
    if (!parsed) return { hits: [], catchingUp: this.index.isCatchingUp, more: false };
    let run = from > 0 ? this.runs.get(query) : undefined;
    if (!run) {
      await this.lookAtList();
      const matches = await this.index.search(query);
      run = new SearchRun(matches, parsed, (id) => this.readForSearch(id));
      this.runs.set(query, run);
    }
    const catchingUp = this.index.isCatchingUp;
    const start = Math.max(0, Math.floor(from));
    if (start >= MAX_SEARCH_HITS) return { hits: [], catchingUp, more: false };
    const page = await run.page(start, Math.min(limit, MAX_SEARCH_HITS - start));
    return { ...page, more: page.more && start + page.hits.length < MAX_SEARCH_HITS, catchingUp };
  }

  /** What another window saved or deleted since is searched too (searchIndexKeeper.ts). */
  private async lookAtList(): Promise<void> {
    if (this.listLooked) return;
    await this.source.refreshList();
    this.listLooked = true;
    this.timer.after(LIST_LOOK_MS, () => (this.listLooked = false));
  }

  /** For snippets only: it may be shared with other searches, so it is never changed. */
  private async readForSearch(id: string): Promise<Conversation | undefined> {
    const cached = this.cache.get(id);
    if (cached) return cached;
    const ticket = this.cache.ticket(id);
    const read = await this.source.read(id);
    if (read) this.cache.put(id, read.conversation, read.chars, ticket);
    return read?.conversation;
  }

  /**
   * A conversation's files are being written or were just written: what search read of them is
   * old. Told before a write (a search reading now would see the old text) and after it (a
   * search that read while the write was queued did see the old text).
   */
  changing(id: string): void {
    this.cache.invalidate(id);
  }

  /** A conversation was saved whole: the index takes its text (soon, see INDEX_DELAY_MS). */
  saved(conversation: Conversation): void {
    this.index.saved(conversation);
  }

  /** A conversation's files are gone. */
  deleted(id: string): void {
    this.cache.invalidate(id);
    this.index.deleted(id);
    this.runs.clear(); // a page read on must not bring it back
  }

  /** Another window changed the list: the index looks again at what it changed. */
  listChanged(): void {
    this.index.listChanged();
  }

  /** Opens the index and brings it up to date (in the background); resolves once it is. */
  start(): Promise<void> {
    return this.index.start();
  }

  /** Writes what the index has not written yet. */
  flush(): Promise<void> {
    return this.index.flush();
  }
}
