import type { Stats } from 'node:fs';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import type { ConversationSummary, SearchHit } from '../shared/protocol';
import { writeFileAtomic } from './atomicFile';
import { markInterrupted, parseConversation } from './conversationFile';
import { branchRemoteIds, type Conversation } from './model';
import { CheckpointPlanner } from './store/checkpointPlanner';
import { ConversationCache } from './store/conversationCache';
import { applyJournal } from './store/journal';
import { SearchRun } from './store/rankHits';
import { SearchIndexKeeper } from './store/searchIndexKeeper';
import { parseQuery } from './store/searchQuery';
import { SearchRuns } from './store/searchRuns';
import { SkippedFiles, type SkippedFileReporter } from './store/skippedFiles';
import type { Timer } from './timer';

const INDEX_FILE = 'index.json';
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
/** Not `.json`: the folder's `.json` files are conversations. */
const SEARCH_INDEX_FILE = 'search.index';
const JOURNAL_SUFFIX = '.journal';
/** A streaming answer appends to its journal about once a second; one quiet this long is not live. */
const LIVE_JOURNAL_MS = 10_000;
const ID_PATTERN = /^[A-Za-z0-9_-]{1,80}$/;

/** Search results, and whether the index was still catching up with the files when it answered. */
export interface SearchResults {
  hits: SearchHit[];
  catchingUp: boolean;
  /** The index matched more conversations than this page and those before it hold. */
  more: boolean;
}

/**
 * Conversations on disk: one JSON file each plus an index for the list, all written atomically.
 * While an answer streams, checkpoints append its new text to a journal beside the file, folded
 * into the file when the answer ends (store/journal.ts). Search answers from a full-text index
 * kept up to date as conversations are saved and deleted (store/searchIndexKeeper.ts).
 * Writes are serialised so a checkpoint and a final save can never interleave. A corrupt file is
 * reported and skipped; it never takes other conversations down with it.
 */
export class ConversationStore {
  private queue: Promise<unknown> = Promise.resolve();
  private index: ConversationSummary[] | undefined;
  /** index.json as this window last read or wrote it: another window's write changes it. */
  private indexStamp: string | undefined;
  private dirReady = false;
  private readonly planner = new CheckpointPlanner();
  private readonly searchIndex: SearchIndexKeeper;
  /** What search read last, so typing a query key by key does not re-read the same files. */
  private readonly searchCache = new ConversationCache();
  /** Recent queries' hits as far as read, for the list asking for its next page. */
  private readonly searchRuns = new SearchRuns<SearchRun>();
  private readonly skipped: SkippedFiles;

  constructor(
    private readonly dir: string,
    reportSkipped: SkippedFileReporter,
    searchIndexTimer?: Timer,
  ) {
    this.skipped = new SkippedFiles(reportSkipped);
    this.searchIndex = new SearchIndexKeeper(
      path.join(dir, SEARCH_INDEX_FILE),
      {
        summaries: () => this.list(),
        load: (id) => this.load(id),
        isListed: (id) => this.index?.some((entry) => entry.id === id) ?? false,
        reportSkipped: (file, error) => this.skipped.report(file, error),
      },
      searchIndexTimer,
    );
  }

  private journal(id: string): string {
    return `${this.file(id).slice(0, -'.json'.length)}${JOURNAL_SUFFIX}`;
  }

  private file(id: string): string {
    if (!ID_PATTERN.test(id)) throw new Error(`Invalid conversation id ${JSON.stringify(id)}`);
    return path.join(this.dir, `${id}.json`);
  }

  private serialised<T>(work: () => Promise<T>): Promise<T> {
    const result = this.queue.then(work, work);
    this.queue = result.catch(() => undefined);
    return result;
  }

  async list(): Promise<ConversationSummary[]> {
    const index = await this.serialised(() => this.currentIndex());
    // Whoever lists is likely to search next: the search index starts loading (in the background).
    setImmediate(() => void this.searchIndex.start());
    return [...index].sort((a, b) => b.updatedAt - a.updatedAt);
  }

  /**
   * The list as index.json holds it. Windows share the folder and each writes index.json: read
   * once and kept, it never showed what another window made, renamed or deleted since, and this
   * window's next write put its own old entries back (a rename made there was undone). So it is
   * read again whenever another window has written it since this one read or wrote it. Only in
   * the write queue: a read finishing after a queued save would drop that save's entry.
   */
  private async currentIndex(): Promise<ConversationSummary[]> {
    const stamp = await fs.stat(path.join(this.dir, INDEX_FILE)).then(stampOf, () => undefined);
    if (this.index && stamp === this.indexStamp) return this.index;
    const first = this.index === undefined;
    this.index = await this.readIndex({ recoverJournals: first });
    this.indexStamp = stamp;
    if (!first) this.searchIndex.listChanged();
    return this.index;
  }

  async load(id: string): Promise<Conversation | undefined> {
    return (await this.read(id))?.conversation;
  }

  /** For search's snippets only: it may be shared with other searches, so it is never changed. */
  private async readForSearch(id: string): Promise<Conversation | undefined> {
    const cached = this.searchCache.get(id);
    if (cached) return cached;
    const ticket = this.searchCache.ticket(id);
    const read = await this.read(id);
    if (read) this.searchCache.put(id, read.conversation, read.chars, ticket);
    return read?.conversation;
  }

  /** A conversation with its journal applied, and the length of its file's text. */
  private async read(
    id: string,
  ): Promise<{ conversation: Conversation; chars: number } | undefined> {
    const file = this.file(id);
    let text: string;
    try {
      text = await fs.readFile(file, 'utf8');
    } catch (error) {
      this.skipped.report(file, error);
      return undefined;
    }
    let conversation: Conversation;
    try {
      conversation = parseFile(id, text);
    } catch (error) {
      this.skipped.report(file, error);
      return undefined;
    }
    if (await this.applyJournal(conversation)) void this.foldJournal(id);
    return { conversation: markInterrupted(conversation), chars: text.length };
  }

  private async applyJournal(conversation: Conversation): Promise<boolean> {
    const journal = await fs.readFile(this.journal(conversation.id), 'utf8').catch(() => '');
    return journal !== '' && applyJournal(conversation, journal);
  }

  /**
   * A journal left by a crash is folded into the file when the conversation is next read, in the
   * write queue and from a fresh read, so it cannot undo a save queued before it.
   */
  private foldJournal(id: string): Promise<void> {
    return this.serialised(async () => {
      if (this.planner.isJournaling(id) || (await this.journalMayBeLive(id))) return;
      const text = await fs.readFile(this.file(id), 'utf8').catch(() => undefined);
      const conversation = text === undefined ? undefined : parseFile(id, text);
      if (conversation && (await this.applyJournal(conversation))) {
        await writeFileAtomic(this.file(id), JSON.stringify(conversation));
        this.searchCache.invalidate(id);
        // Journal appends never reached the search index: the text they recovered must.
        this.searchIndex.saved(conversation);
        await this.remember(summarise(conversation));
      }
      await fs.rm(this.journal(id), { force: true });
    }).catch(() => undefined); // the journal stays and is applied again at the next read
  }

  /**
   * Windows share the folder: a journal written to in the last LIVE_JOURNAL_MS may be another
   * window's, streaming into this conversation, and folding it would remove it from under that
   * window (whose crash would then lose the answer). It is applied when read, and folded once it
   * has rested.
   */
  private async journalMayBeLive(id: string): Promise<boolean> {
    const stat = await fs.stat(this.journal(id)).catch(() => undefined);
    return stat !== undefined && Date.now() - stat.mtimeMs < LIVE_JOURNAL_MS;
  }

  /**
   * While the last message is an answer streaming, only its new text is written (appended to the
   * journal); anything else rewrites the file, folding the journal in.
   */
  save(conversation: Conversation): Promise<void> {
    let file: string;
    try {
      file = this.file(conversation.id);
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
    const plan = this.planner.plan(conversation);
    if (plan.kind === 'unchanged') return this.serialised(() => Promise.resolve());
    // Before the write (a search reading now would see the old text) and after it (a search
    // that read while it was queued did see the old text).
    this.searchCache.invalidate(conversation.id);
    if (plan.kind === 'append') {
      return this.serialised(async () => {
        if (plan.continues && !(await exists(this.journal(conversation.id)))) {
          await this.journalTakenAway(conversation);
        } else {
          await fs.appendFile(this.journal(conversation.id), plan.lines, { mode: 0o600 });
        }
        this.searchCache.invalidate(conversation.id);
      }).catch((error: unknown) => this.failed(conversation.id, error));
    }
    const summary = summarise(conversation);
    this.searchIndex.saved(conversation);
    return this.serialised(async () => {
      await this.ensureDir();
      await writeFileAtomic(file, plan.snapshot);
      await fs.rm(this.journal(conversation.id), { force: true });
      this.searchCache.invalidate(conversation.id);
      await this.remember(summary);
    }).catch((error: unknown) => this.failed(conversation.id, error));
  }

  /**
   * Another window folded this answer's journal while it paused for over LIVE_JOURNAL_MS (a slow
   * model, a stalled connection) and read it. Lines appended now would start a journal without
   * its first line, which no load applies: that window and search saw the answer stop there, and
   * a crash lost everything after it. The file is written whole instead, and the next save
   * starts a new journal.
   */
  private async journalTakenAway(conversation: Conversation): Promise<void> {
    await writeFileAtomic(this.file(conversation.id), JSON.stringify(conversation));
    this.planner.forget(conversation.id);
  }

  /** The list's entry for a conversation just written. */
  private async remember(summary: ConversationSummary): Promise<void> {
    const index = await this.currentIndex();
    const at = index.findIndex((entry) => entry.id === summary.id);
    if (at >= 0) index[at] = summary;
    else index.push(summary);
    await this.writeIndex();
  }

  /** The next save rewrites the whole file, whatever this one left on disk. */
  private failed(id: string, error: unknown): never {
    this.planner.forget(id);
    throw error;
  }

  /**
   * Owner-only, like the files in it. A folder made by an older version with default permissions
   * is tightened too, which also covers the files it wrote before they are next saved.
   */
  private async ensureDir(): Promise<void> {
    if (this.dirReady) return;
    await fs.mkdir(this.dir, { recursive: true, mode: 0o700 });
    await fs.chmod(this.dir, 0o700);
    this.dirReady = true;
  }

  delete(id: string): Promise<void> {
    const file = this.file(id);
    this.planner.forget(id);
    this.searchCache.invalidate(id);
    return this.serialised(async () => {
      await fs.rm(file, { force: true });
      await fs.rm(this.journal(id), { force: true });
      this.searchCache.invalidate(id);
      this.index = (await this.currentIndex()).filter((entry) => entry.id !== id);
      this.searchIndex.deleted(id);
      this.searchRuns.clear(); // a page read on must not bring it back
      await this.writeIndex();
    });
  }

  /** The first page of hits (what the list shows first). */
  async search(query: string, limit = SEARCH_PAGE_SIZE): Promise<SearchHit[]> {
    return (await this.searchWithProgress(query, 0, limit)).hits;
  }

  /**
   * Best hits first (store/rankHits.ts), a page at a time: `from` 0 searches anew, a later page
   * goes on reading where the query's run stopped. While the index is being rebuilt,
   * conversations not indexed yet are missing, and `catchingUp` says so.
   */
  async searchWithProgress(
    query: string,
    from = 0,
    limit = SEARCH_PAGE_SIZE,
  ): Promise<SearchResults> {
    const parsed = parseQuery(query);
    if (!parsed) return { hits: [], catchingUp: this.searchIndex.isCatchingUp, more: false };
    let run = from > 0 ? this.searchRuns.get(query) : undefined;
    if (!run) {
      // What another window saved or deleted since is searched too (searchIndexKeeper.ts).
      await this.serialised(() => this.currentIndex());
      const matches = await this.searchIndex.search(query);
      run = new SearchRun(matches, parsed, (id) => this.readForSearch(id));
      this.searchRuns.set(query, run);
    }
    const catchingUp = this.searchIndex.isCatchingUp;
    const start = Math.max(0, Math.floor(from));
    if (start >= MAX_SEARCH_HITS) return { hits: [], catchingUp, more: false };
    const page = await run.page(start, Math.min(limit, MAX_SEARCH_HITS - start));
    return { ...page, more: page.more && start + page.hits.length < MAX_SEARCH_HITS, catchingUp };
  }

  /** Resolves once the search index has caught up with the files (in tests and benchmarks). */
  whenSearchIndexCaughtUp(): Promise<void> {
    return this.searchIndex.start();
  }

  /** Writes what the search index has not written yet; on shutdown. */
  async flush(): Promise<void> {
    await this.queue;
    await this.searchIndex.flush();
  }

  /**
   * Another window sharing the folder writes the index too, from its own list: checked against
   * the files first, what that window created or deleted since stays so, here and on disk.
   */
  private async writeIndex(): Promise<void> {
    this.index = await this.reconciled(this.index ?? [], { recoverJournals: false });
    const written = await writeFileAtomic(
      path.join(this.dir, INDEX_FILE),
      JSON.stringify(this.index),
    );
    this.indexStamp = stampOf(written);
  }

  /** Journals a crash left are recovered at the first read; later reads leave them to `load`. */
  private async readIndex(options: { recoverJournals: boolean }): Promise<ConversationSummary[]> {
    const file = path.join(this.dir, INDEX_FILE);
    let entries: ConversationSummary[];
    try {
      const parsed: unknown = JSON.parse(await fs.readFile(file, 'utf8'));
      if (!Array.isArray(parsed)) throw new Error('index is not a list');
      entries = parsed.filter(isSummary);
    } catch (error) {
      this.skipped.report(file, error);
      entries = [];
    }
    return this.reconciled(entries, options);
  }

  /**
   * The index is derived data, checked against the files when read: a crash between a new
   * conversation's file and the index left it on disk but never listed, and one between a delete
   * and the index listed a file that is gone. Only the files it lacks are read (all of them when
   * it is missing or damaged: then it is rebuilt).
   */
  private async reconciled(
    entries: ConversationSummary[],
    { recoverJournals }: { recoverJournals: boolean },
  ): Promise<ConversationSummary[]> {
    let names: string[];
    try {
      names = await fs.readdir(this.dir);
    } catch {
      return entries;
    }
    const onDisk = names
      .filter((n) => n.endsWith('.json') && n !== INDEX_FILE)
      .map((n) => n.slice(0, -'.json'.length));
    const present = new Set(onDisk);
    const summaries = entries.filter((entry) => present.has(entry.id));
    const listed = new Set(summaries.map((entry) => entry.id));
    // A journal a crash left is folded in now, so the list and search hold the text it recovered.
    const journaled = recoverJournals
      ? names
          .filter((n) => n.endsWith(JOURNAL_SUFFIX))
          .map((n) => n.slice(0, -JOURNAL_SUFFIX.length))
      : [];
    for (const id of new Set([...onDisk.filter((id) => !listed.has(id)), ...journaled])) {
      if (!present.has(id)) continue;
      const conversation = await this.load(id).catch(() => undefined);
      if (!conversation) continue;
      if (journaled.includes(id)) this.searchIndex.saved(conversation);
      const at = summaries.findIndex((entry) => entry.id === id);
      if (at >= 0) summaries[at] = summarise(conversation);
      else summaries.push(summarise(conversation));
    }
    return summaries;
  }
}

async function exists(file: string): Promise<boolean> {
  return fs.stat(file).then(
    () => true,
    () => false,
  );
}

/**
 * A file holds the conversation of its name. A copy under another name (a sync tool's conflict
 * copy, a backup beside it) still names the original inside: summarised under that id, it was
 * listed once more at every write of the index (the file it came from was never listed, so read
 * again), each row opening the original.
 */
function parseFile(id: string, text: string): Conversation {
  return { ...parseConversation(text), id };
}

/** Every write of index.json is a new file (atomicFile.ts), so its inode changes even when the
 * clock or the size does not; the time and size cover file systems without stable inodes. */
function stampOf(stats: Stats): string {
  return `${stats.ino}:${stats.mtimeMs}:${stats.size}`;
}

function isSummary(value: unknown): value is ConversationSummary {
  const v = value as Partial<ConversationSummary> | null;
  return (
    typeof v?.id === 'string' && typeof v.title === 'string' && typeof v.updatedAt === 'number'
  );
}

export function summarise(conversation: Conversation): ConversationSummary {
  const branches = branchRemoteIds(conversation);
  return {
    id: conversation.id,
    title: conversation.title,
    targetLabel: conversation.target?.label ?? '',
    provider: conversation.target?.provider ?? 'twinexpert',
    updatedAt: conversation.updatedAt,
    ...(conversation.origin && { origin: conversation.origin }),
    remoteId: conversation.remoteId ?? '',
    ...(branches.length > 0 && { branchRemoteIds: branches }),
  };
}
