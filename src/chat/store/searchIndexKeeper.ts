import type { ConversationSummary } from '../../shared/protocol';
import type { Conversation } from '../model';
import type { IndexMatches } from './indexMatches';
import { SearchIndex } from './searchIndex';
import { readSearchIndex, writeSearchIndex } from './searchIndexFile';

/** What the keeper reads the conversations through (the store). */
export interface IndexSource {
  summaries(): Promise<ConversationSummary[]>;
  load(id: string): Promise<Conversation | undefined>;
  /** Synchronous: whether the store still lists the conversation, after an await. */
  isListed(id: string): boolean;
  reportCorrupt(file: string, reason: string): void;
}

/** How long changes may wait before the index is written: it is rebuilt from files anyway. */
export const DEFAULT_PERSIST_DELAY_MS = 30_000;

/**
 * Keeps the search index up to date with the conversation files. It is opened from disk once, then
 * brought up to date in the background (whatever changed since it was written, or everything
 * when it is missing or corrupt) while searches answer from what is indexed so far and say they
 * are catching up. Saves and deletes update it as they happen; it is written to disk when
 * changes have rested for a while, and on flush.
 */
export class SearchIndexKeeper {
  private index = SearchIndex.empty();
  private opened: Promise<boolean> | undefined;
  private caughtUp: Promise<void> | undefined;
  private catchingUp = true;
  /** Per conversation, how many saves and deletes reached the index: a background read that
   * started before one of them must not overwrite what it brought. */
  private readonly edits = new Map<string, number>();
  /** Conversations saved or deleted while the index file was read: redone from their files. */
  private stale = new Set<string>();
  private dirty = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly file: string,
    private readonly source: IndexSource,
    private readonly persistDelayMs = DEFAULT_PERSIST_DELAY_MS,
  ) {}

  /** Opens the index and starts bringing it up to date, once; resolves when it is up to date. */
  start(): Promise<void> {
    this.opened ??= this.open();
    return (this.caughtUp ??= this.opened.then((fromFile) => this.catchUp(fromFile)));
  }

  get isCatchingUp(): boolean {
    return this.catchingUp;
  }

  saved(conversation: Conversation): void {
    this.edited(conversation.id);
    this.index.upsert(conversation);
    this.changed();
  }

  deleted(conversationId: string): void {
    this.edited(conversationId);
    this.index.remove(conversationId);
    this.changed();
  }

  /** Ranked matches from what is indexed; waits for the index file to be read, never a rebuild. */
  async search(query: string): Promise<IndexMatches> {
    void this.start();
    await this.opened;
    return this.index.search(query);
  }

  /** Writes pending changes now (on shutdown, and in tests). */
  async flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.dirty) await this.persist();
    await this.writing;
  }

  /** True when the index came from the file; on false the (partial) in-memory one is kept. */
  private async open(): Promise<boolean> {
    // A missing or damaged file is not an error the user must act on: the index is rebuilt.
    try {
      this.replaceWith(await readSearchIndex(this.file));
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
        this.source.reportCorrupt(
          this.file,
          error instanceof Error ? error.message : String(error),
        );
      }
      return false;
    }
  }

  private replaceWith(loaded: SearchIndex): void {
    this.index = loaded;
    this.stale = new Set(this.edits.keys());
  }

  private async catchUp(fromFile: boolean): Promise<void> {
    const summaries = await this.source.summaries();
    const listed = new Set(summaries.map((s) => s.id));
    for (const id of this.index.conversationIds()) {
      if (!listed.has(id)) this.deleted(id);
    }
    const queue = summaries.filter((s) => this.stale.has(s.id) || this.outdated(s));
    for (const summary of queue) await this.reindex(summary.id);
    this.catchingUp = false;
    if (this.dirty || !fromFile) await this.flush();
  }

  private outdated(summary: ConversationSummary): boolean {
    const entry = this.index.entry(summary.id);
    return entry?.updatedAt !== summary.updatedAt || entry.title !== summary.title;
  }

  private async reindex(id: string): Promise<void> {
    const before = this.edits.get(id);
    const conversation = await this.source.load(id);
    if (this.edits.get(id) !== before) return; // a save or delete since brought it up to date
    if (conversation && this.source.isListed(id)) {
      this.index.upsert(conversation);
      this.changed();
    }
  }

  private edited(id: string): void {
    this.edits.set(id, (this.edits.get(id) ?? 0) + 1);
  }

  private changed(): void {
    this.dirty = true;
    if (this.timer || this.catchingUp) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.persist();
    }, this.persistDelayMs);
    this.timer.unref?.();
  }

  private persist(): Promise<void> {
    this.dirty = false;
    const index = this.index;
    this.writing = this.writing
      .then(() => writeSearchIndex(this.file, index))
      .catch(() => {
        // Derived data: a write that failed is retried with the next change, and an index never
        // written is rebuilt from the conversation files at the next start.
        this.dirty = true;
      });
    return this.writing;
  }
}
