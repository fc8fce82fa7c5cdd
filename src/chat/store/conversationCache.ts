import type { Conversation } from '../model';

/**
 * How much conversation file text search keeps parsed: a few pages of hits at a heavy user's scale
 * (a 100-message conversation is about 35 KB), so typing a query key by key reads each file once.
 */
export const DEFAULT_CACHE_CHARS = 8 * 1024 * 1024;

interface Entry {
  conversation: Conversation;
  chars: number;
}

/**
 * Conversations as search last read them, least recently used dropped first once their file text
 * passes `maxChars`. Only search reads from it and never changes what it gets; the store
 * invalidates a conversation when it writes or deletes its files.
 *
 * A read races with writes: it takes a `ticket` before reading, and what it read is kept only
 * if no invalidation came in between (else it may be the text from before the write).
 */
export class ConversationCache {
  private readonly entries = new Map<string, Entry>();
  private readonly invalidations = new Map<string, number>();
  private chars = 0;

  constructor(private readonly maxChars = DEFAULT_CACHE_CHARS) {}

  get(id: string): Conversation | undefined {
    const entry = this.entries.get(id);
    if (!entry) return undefined;
    // Map keeps insertion order: re-inserting makes it the most recently used.
    this.entries.delete(id);
    this.entries.set(id, entry);
    return entry.conversation;
  }

  /** Taken before reading `id`'s files; `put` ignores the read if `id` was invalidated since. */
  ticket(id: string): number {
    return this.invalidations.get(id) ?? 0;
  }

  put(id: string, conversation: Conversation, chars: number, ticket: number): void {
    if (ticket !== this.ticket(id)) return;
    this.drop(id);
    this.entries.set(id, { conversation, chars });
    this.chars += chars;
    // Oldest first; one larger than the whole cache goes too.
    for (const [oldest, entry] of this.entries) {
      if (this.chars <= this.maxChars) break;
      this.entries.delete(oldest);
      this.chars -= entry.chars;
    }
  }

  invalidate(id: string): void {
    this.invalidations.set(id, this.ticket(id) + 1);
    this.drop(id);
  }

  /** How much file text is held (for tests of the bound). */
  get heldChars(): number {
    return this.chars;
  }

  private drop(id: string): void {
    const entry = this.entries.get(id);
    if (!entry) return;
    this.entries.delete(id);
    this.chars -= entry.chars;
  }
}
