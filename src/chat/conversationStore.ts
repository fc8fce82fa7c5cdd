import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import type { ConversationSummary, SearchHit } from '../shared/protocol';
import { writeFileAtomic } from './atomicFile';
import { markInterrupted, parseConversation } from './conversationFile';
import type { Conversation } from './model';
import { CheckpointPlanner } from './store/checkpointPlanner';
import {
  ConversationSearch,
  SEARCH_PAGE_SIZE,
  type SearchResults,
} from './store/conversationSearch';
import { applyJournal } from './store/journal';
import { isSummary, stampOf, summarise } from './store/summaries';
import { SkippedFiles, type SkippedFileReporter } from './store/skippedFiles';
import type { Timer } from './timer';

const INDEX_FILE = 'index.json';
/** Not `.json`: the folder's `.json` files are conversations. */
const SEARCH_INDEX_FILE = 'search.index';
const JOURNAL_SUFFIX = '.journal';
/** A streaming answer appends to its journal about once a second; one quiet this long is not live. */
const LIVE_JOURNAL_MS = 10_000;
const ID_PATTERN = /^[A-Za-z0-9_-]{1,80}$/;

/**
 * Conversations on disk: one JSON file each plus an index for the list, all written atomically.
 * While an answer streams, checkpoints append its new text to a journal beside the file, folded
 * into the file when the answer ends (store/journal.ts). Search answers from a full-text index
 * kept up to date as conversations are saved and deleted (store/conversationSearch.ts).
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
  private readonly fullText: ConversationSearch;
  private readonly skipped: SkippedFiles;

  constructor(
    private readonly dir: string,
    reportSkipped: SkippedFileReporter,
    searchIndexTimer?: Timer,
  ) {
    this.skipped = new SkippedFiles(reportSkipped);
    this.fullText = new ConversationSearch(
      path.join(dir, SEARCH_INDEX_FILE),
      {
        summaries: () => this.list(),
        load: (id) => this.load(id),
        read: (id) => this.read(id),
        refreshList: () => this.serialised(() => this.currentIndex()),
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
    setImmediate(() => void this.fullText.start());
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
    if (!first) this.fullText.listChanged();
    return this.index;
  }

  async load(id: string): Promise<Conversation | undefined> {
    return (await this.read(id))?.conversation;
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
        this.fullText.changing(id);
        // Journal appends never reached the search index: the text they recovered must.
        this.fullText.saved(conversation);
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
    this.fullText.changing(conversation.id);
    if (plan.kind === 'append') {
      return this.serialised(async () => {
        if (plan.continues && !(await exists(this.journal(conversation.id)))) {
          await this.journalTakenAway(conversation);
        } else {
          await fs.appendFile(this.journal(conversation.id), plan.lines, { mode: 0o600 });
        }
        this.fullText.changing(conversation.id);
      }).catch((error: unknown) => this.failed(conversation.id, error));
    }
    const summary = summarise(conversation);
    this.fullText.saved(conversation);
    return this.serialised(async () => {
      await this.ensureDir();
      await writeFileAtomic(file, plan.snapshot);
      await fs.rm(this.journal(conversation.id), { force: true });
      this.fullText.changing(conversation.id);
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
    this.fullText.changing(id);
    return this.serialised(async () => {
      await fs.rm(file, { force: true });
      await fs.rm(this.journal(id), { force: true });
      this.index = (await this.currentIndex()).filter((entry) => entry.id !== id);
      this.fullText.deleted(id);
      await this.writeIndex();
    });
  }

  /** The first page of hits (what the list shows first). */
  async search(query: string, limit = SEARCH_PAGE_SIZE): Promise<SearchHit[]> {
    return (await this.searchWithProgress(query, 0, limit)).hits;
  }

  /** Best hits first, a page at a time (store/conversationSearch.ts). */
  searchWithProgress(query: string, from = 0, limit = SEARCH_PAGE_SIZE): Promise<SearchResults> {
    return this.fullText.page(query, from, limit);
  }

  /** Resolves once the search index has caught up with the files (in tests and benchmarks). */
  whenSearchIndexCaughtUp(): Promise<void> {
    return this.fullText.start();
  }

  /** Writes what the search index has not written yet; on shutdown. */
  async flush(): Promise<void> {
    await this.queue;
    await this.fullText.flush();
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
      if (journaled.includes(id)) this.fullText.saved(conversation);
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
