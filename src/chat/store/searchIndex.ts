import type MiniSearch from 'minisearch';
import { foldForSearch } from './foldText';
import { miniSearch } from './miniSearchLoader';
import { noMatches, type IndexMatches } from './indexMatches';
import { parseQuery, wordsOf } from './searchQuery';

/**
 * One document per conversation: its title, and its messages' text. A document per message would
 * say which message matched, but costs about five times the text in memory (a posting per word
 * per message); the snippet reads the conversations shown anyway, and finds the message there.
 */
interface IndexedDocument {
  id: string;
  title: string;
  text: string;
}

/** What indexing reads of a conversation: a `Conversation`, or a snapshot of one. */
export interface IndexableConversation {
  id: string;
  title: string;
  updatedAt: number;
  messages: readonly { text: string }[];
}

/** What the index holds of one conversation: enough to tell whether it changed. */
export interface IndexedConversation {
  updatedAt: number;
  title: string;
  /** Hash of its messages' text. */
  hash: number;
}

/**
 * Numbers longer than this are indexed by their first digits only. Ids, ports, hashes of digits
 * and timestamps are nearly all unique, and a unique word costs the index about a hundred times
 * its length (a tree node and two maps): at a heavy user's scale they were most of its memory.
 * A search for a longer number finds the conversations holding a number it starts like, and the
 * snippet matcher, which reads them, keeps only those holding the number itself (rankHits.ts).
 */
export const INDEXED_NUMBER_DIGITS = 4;
const LONG_NUMBER = new RegExp(`^\\d{${INDEXED_NUMBER_DIGITS + 1},}$`);

/** A word as the index holds it, from the text or from a query alike. */
export function indexTerm(word: string): string | null {
  const folded = foldForSearch(word);
  if (LONG_NUMBER.test(folded)) return folded.slice(0, INDEXED_NUMBER_DIGITS);
  return folded || null;
}

const OPTIONS = {
  fields: ['title', 'text'],
  tokenize: wordsOf,
  processTerm: indexTerm,
  searchOptions: { boost: { title: 2 } },
};

/** FNV-1a: cheap, and only compared with itself to see whether a conversation's text changed. */
function hashText(texts: readonly string[]): number {
  let hash = 0x811c9dc5;
  for (const text of texts) {
    for (let i = 0; i < text.length; i++) {
      hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
    }
    hash = Math.imul(hash ^ 0x0a, 0x01000193);
  }
  return hash >>> 0;
}

/**
 * The full-text index over every conversation (MiniSearch), updated a conversation at a time,
 * when its text or title changed. Derived data: see searchIndexFile.ts.
 */
export class SearchIndex {
  /**
   * The last search's words and what they matched, until the index changes: typing a space or a
   * comma after a word searches the same words again, and at a heavy user's scale the lookup is
   * most of a search's time. Shared with the run that asked for it, which only reads it.
   */
  private last: { words: string; matches: IndexMatches } | undefined;

  /** Made on first use: the store's empty index exists from activation, MiniSearch need not. */
  private documents: MiniSearch<IndexedDocument> | undefined;

  private constructor(
    documents: MiniSearch<IndexedDocument> | undefined,
    private readonly indexed: Map<string, IndexedConversation>,
  ) {
    this.documents = documents;
  }

  static empty(): SearchIndex {
    return new SearchIndex(undefined, new Map());
  }

  /** Throws when `index` is not what `serialise` wrote. */
  static parse(index: string, conversations: Record<string, IndexedConversation>): SearchIndex {
    const mini = miniSearch().loadJSON<IndexedDocument>(index, OPTIONS);
    return new SearchIndex(mini, new Map(Object.entries(conversations)));
  }

  private get mini(): MiniSearch<IndexedDocument> {
    this.documents ??= new (miniSearch())<IndexedDocument>(OPTIONS);
    return this.documents;
  }

  serialise(): { index: string; conversations: Record<string, IndexedConversation> } {
    return { index: JSON.stringify(this.mini), conversations: Object.fromEntries(this.indexed) };
  }

  /** What is indexed of a conversation, if anything. */
  entry(conversationId: string): IndexedConversation | undefined {
    return this.indexed.get(conversationId);
  }

  conversationIds(): string[] {
    return [...this.indexed.keys()];
  }

  upsert(conversation: IndexableConversation): void {
    const texts = conversation.messages.map((message) => message.text);
    const hash = hashText(texts);
    const before = this.indexed.get(conversation.id);
    const { id, title, updatedAt } = conversation;
    this.last = undefined; // its recency at least has changed
    if (before?.hash !== hash || before.title !== title) {
      if (this.mini.has(id)) this.mini.discard(id);
      this.mini.add({ id, title, text: texts.join('\n') });
    }
    this.indexed.set(id, { updatedAt, title, hash });
  }

  remove(conversationId: string): void {
    this.last = undefined;
    if (this.mini.has(conversationId)) this.mini.discard(conversationId);
    this.indexed.delete(conversationId);
  }

  /**
   * Conversations holding every word of `query` in any order, the last word as a prefix, with
   * their scores (MiniSearch ranks exact words above prefixes) and when they last changed.
   */
  search(query: string): IndexMatches {
    const words = parseQuery(query)?.words ?? [];
    if (words.length === 0) return noMatches();
    const joined = words.join(' ');
    if (this.last?.words === joined) return this.last.matches;
    const matches = this.lookUp(joined);
    this.last = { words: joined, matches };
    return matches;
  }

  private lookUp(words: string): IndexMatches {
    const results = this.mini.search(words, {
      combineWith: 'AND',
      prefix: (_term, i, terms) => i === terms.length - 1,
    });
    const matches: IndexMatches = {
      conversationIds: new Array<string>(results.length),
      scores: new Float64Array(results.length),
      updatedAt: new Float64Array(results.length),
    };
    // An index loop: iterating `entries()` cost three times as much, at a thousand matches.
    for (let i = 0; i < results.length; i++) {
      const result = results[i];
      if (!result) continue;
      const conversationId = String(result.id);
      matches.conversationIds[i] = conversationId;
      matches.scores[i] = result.score;
      matches.updatedAt[i] = this.indexed.get(conversationId)?.updatedAt ?? 0;
    }
    return matches;
  }
}
