import type { ConversationSummary } from '../../shared/protocol';
import type { Conversation } from '../model';
import type { IndexMatches } from './indexMatches';
import { SearchIndex, type IndexableConversation } from './searchIndex';
import { readSearchIndex, writeSearchIndex } from './searchIndexFile';
import { backgroundTimer, type Timer } from '../timer';

/** What the keeper reads the conversations through (the store). */
export interface IndexSource {
  summaries(): Promise<ConversationSummary[]>;
  load(id: string): Promise<Conversation | undefined>;
  /** Synchronous: whether the store still lists the conversation, after an await. */
  isListed(id: string): boolean;
  /** A file the index could not use, for the log (a missing one is not told: skippedFiles.ts). */
  reportSkipped(file: string, error: unknown): void;
}

/** How long changes may wait before the index is written: it is rebuilt from files anyway. */
const PERSIST_DELAY_MS = 30_000;

/**
 * How long saves must rest before the conversations they saved are indexed. Indexing reads a
 * conversation's whole text (a 2,000-message one blocked the extension host for 60-130 ms), and a
 * save comes when the user sends and again when the answer ends: done in the save, it stood
 * between the user and the request, and between answers streaming in other tabs (side by side,
 * they end at different times) and their views. So it also waits until no answer streams.
 */
export const INDEX_DELAY_MS = 1_000;

/** A conversation as saved: the texts are strings, so later changes to it do not show here. */
function snapshotOf(conversation: Conversation): IndexableConversation {
  const { id, title, updatedAt, messages } = conversation;
  return { id, title, updatedAt, messages: messages.map(({ text }) => ({ text })) };
}

function isStreaming(conversation: Conversation): boolean {
  return conversation.messages.at(-1)?.status === 'streaming';
}

/**
 * Keeps the search index up to date with the conversation files. It is opened from disk once, then
 * brought up to date in the background (whatever changed since it was written, or everything
 * when it is missing or corrupt) while searches answer from what is indexed so far and say they
 * are catching up. Deletes update it as they happen; saved conversations are indexed once saves
 * have rested for `INDEX_DELAY_MS` and no answer is streaming (each answer ends with a save, which
 * starts the wait again), and before any search, so a search always sees every save. It is
 * written to disk when changes have rested for a while, and on flush.
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
  /** Saved conversations not indexed yet, as they were saved. */
  private readonly waiting = new Map<string, IndexableConversation>();
  /** Conversations whose last save had an answer streaming: their next save ends it. */
  private readonly streaming = new Set<string>();
  /** Another window wrote the list since it was last followed (the store read it again). */
  private listMoved = false;
  private cancelIndexing: (() => void) | undefined;
  private dirty = false;
  private cancelPersist: (() => void) | undefined;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly file: string,
    private readonly source: IndexSource,
    private readonly timer: Timer = backgroundTimer,
  ) {}

  /** Opens the index and starts bringing it up to date, once; resolves when it is up to date. */
  start(): Promise<void> {
    this.opened ??= this.open();
    return (this.caughtUp ??= this.opened.then((fromFile) => this.catchUp(fromFile)));
  }

  get isCatchingUp(): boolean {
    return this.catchingUp;
  }

  /** Costs the save no more than a copy of the list of texts: indexing happens later. */
  saved(conversation: Conversation): void {
    this.edited(conversation.id);
    this.waiting.set(conversation.id, snapshotOf(conversation));
    if (isStreaming(conversation)) this.streaming.add(conversation.id);
    else this.streaming.delete(conversation.id);
    this.cancelIndexing?.();
    this.cancelIndexing = this.timer.after(INDEX_DELAY_MS, () => {
      this.cancelIndexing = undefined;
      if (this.streaming.size === 0) this.indexWaiting();
    });
  }

  /**
   * Another window saved, renamed or deleted conversations (the list changed under this one): the
   * next search reads those from their files first. Only they are read, by the list's dates and
   * titles; without it this window's search never found what the other window wrote.
   */
  listChanged(): void {
    this.listMoved = true;
  }

  deleted(conversationId: string): void {
    this.edited(conversationId);
    this.waiting.delete(conversationId);
    this.streaming.delete(conversationId);
    this.index.remove(conversationId);
    this.changed();
  }

  /**
   * Ranked matches from what is indexed, every save included; waits for the index file to be
   * read, never a rebuild.
   */
  async search(query: string): Promise<IndexMatches> {
    void this.start();
    await this.opened;
    if (this.listMoved && !this.catchingUp) {
      this.listMoved = false;
      await this.follow(await this.source.summaries());
    }
    this.indexWaiting();
    return this.index.search(query);
  }

  /** Indexes and writes pending changes now (on shutdown, and in tests). */
  async flush(): Promise<void> {
    this.indexWaiting();
    this.cancelPersist?.();
    this.cancelPersist = undefined;
    if (this.dirty) await this.persist();
    await this.writing;
  }

  private indexWaiting(): void {
    for (const [id, saved] of this.waiting) {
      this.waiting.delete(id);
      this.index.upsert(saved);
      this.changed();
    }
  }

  /** True when the index came from the file; on false the (partial) in-memory one is kept. */
  private async open(): Promise<boolean> {
    // A missing or damaged file is not an error the user must act on: the index is rebuilt.
    try {
      this.replaceWith(await readSearchIndex(this.file));
      return true;
    } catch (error) {
      this.source.reportSkipped(this.file, error);
      return false;
    }
  }

  private replaceWith(loaded: SearchIndex): void {
    this.index = loaded;
    this.stale = new Set(this.edits.keys());
  }

  private async catchUp(fromFile: boolean): Promise<void> {
    this.listMoved = false; // the list read now holds what the other window changed
    await this.follow(await this.source.summaries());
    this.catchingUp = false;
    if (this.dirty || !fromFile) await this.flush();
  }

  /** Drops what the list no longer holds and indexes again what changed since it was indexed. */
  private async follow(summaries: ConversationSummary[]): Promise<void> {
    const listed = new Set(summaries.map((s) => s.id));
    for (const id of this.index.conversationIds()) {
      if (!listed.has(id)) this.deleted(id);
    }
    // A conversation waiting to be indexed is indexed from its save, newer than its file.
    const queue = summaries.filter(
      (s) => !this.waiting.has(s.id) && (this.stale.has(s.id) || this.outdated(s)),
    );
    this.stale.clear();
    for (const summary of queue) await this.reindex(summary.id);
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
    if (this.cancelPersist || this.catchingUp) return;
    this.cancelPersist = this.timer.after(PERSIST_DELAY_MS, () => {
      this.cancelPersist = undefined;
      void this.persist();
    });
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
