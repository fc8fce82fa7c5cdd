import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import type { ConversationSummary, SearchHit } from '../shared/protocol';
import { writeFileAtomic } from './atomicFile';
import { markInterrupted, parseConversation } from './conversationFile';
import type { Conversation } from './model';
import { searchConversation } from './search';

const INDEX_FILE = 'index.json';
const ID_PATTERN = /^[A-Za-z0-9_-]{1,80}$/;

export type CorruptFileReporter = (file: string, reason: string) => void;

/**
 * Conversations on disk: one JSON file each plus an index for the list, all written atomically.
 * Writes are serialised so a checkpoint and a final save can never interleave. A corrupt file is
 * reported and skipped; it never takes other conversations down with it.
 */
export class ConversationStore {
  private queue: Promise<unknown> = Promise.resolve();
  private index: ConversationSummary[] | undefined;
  private dirReady = false;

  constructor(
    private readonly dir: string,
    private readonly reportCorrupt: CorruptFileReporter,
  ) {}

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
    this.index ??= await this.readIndex();
    return [...this.index].sort((a, b) => b.updatedAt - a.updatedAt);
  }

  async load(id: string): Promise<Conversation | undefined> {
    const file = this.file(id);
    let text: string;
    try {
      text = await fs.readFile(file, 'utf8');
    } catch {
      return undefined;
    }
    try {
      return markInterrupted(parseConversation(text));
    } catch (error) {
      this.reportCorrupt(file, error instanceof Error ? error.message : String(error));
      return undefined;
    }
  }

  save(conversation: Conversation): Promise<void> {
    const snapshot = JSON.stringify(conversation);
    const summary = summarise(conversation);
    return this.serialised(async () => {
      await this.ensureDir();
      await writeFileAtomic(this.file(conversation.id), snapshot);
      const index = (this.index ??= await this.readIndex());
      const at = index.findIndex((entry) => entry.id === summary.id);
      if (at >= 0) index[at] = summary;
      else index.push(summary);
      await this.writeIndex();
    });
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
    return this.serialised(async () => {
      await fs.rm(this.file(id), { force: true });
      this.index = (this.index ?? (await this.readIndex())).filter((entry) => entry.id !== id);
      await this.writeIndex();
    });
  }

  async search(query: string, limit = 50): Promise<SearchHit[]> {
    const hits: SearchHit[] = [];
    for (const summary of await this.list()) {
      const conversation = await this.load(summary.id);
      if (conversation) hits.push(...searchConversation(conversation, query));
      if (hits.length >= limit) break;
    }
    return hits.slice(0, limit);
  }

  private async writeIndex(): Promise<void> {
    await writeFileAtomic(path.join(this.dir, INDEX_FILE), JSON.stringify(this.index ?? []));
  }

  private async readIndex(): Promise<ConversationSummary[]> {
    const file = path.join(this.dir, INDEX_FILE);
    try {
      const parsed: unknown = JSON.parse(await fs.readFile(file, 'utf8'));
      if (Array.isArray(parsed)) return parsed.filter(isSummary);
      throw new Error('index is not a list');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
        this.reportCorrupt(file, error instanceof Error ? error.message : String(error));
      }
      return this.rebuildIndex();
    }
  }

  /** The index is derived data: when it is missing or damaged, it is rebuilt from the files. */
  private async rebuildIndex(): Promise<ConversationSummary[]> {
    let names: string[];
    try {
      names = await fs.readdir(this.dir);
    } catch {
      return [];
    }
    const summaries: ConversationSummary[] = [];
    for (const name of names.filter((n) => n.endsWith('.json') && n !== INDEX_FILE)) {
      const conversation = await this.load(name.slice(0, -'.json'.length)).catch(() => undefined);
      if (conversation) summaries.push(summarise(conversation));
    }
    return summaries;
  }
}

function isSummary(value: unknown): value is ConversationSummary {
  const v = value as Partial<ConversationSummary> | null;
  return (
    typeof v?.id === 'string' && typeof v.title === 'string' && typeof v.updatedAt === 'number'
  );
}

export function summarise(conversation: Conversation): ConversationSummary {
  return {
    id: conversation.id,
    title: conversation.title,
    targetLabel: conversation.target?.label ?? '',
    provider: conversation.target?.provider ?? 'twinexpert',
    updatedAt: conversation.updatedAt,
    ...(conversation.origin && { origin: conversation.origin }),
  };
}
