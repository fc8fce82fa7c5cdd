import MiniSearch, { type SearchResult } from 'minisearch';
import type { Conversation } from '../model';
import { foldForSearch } from './foldText';
import { parseQuery, wordsOf } from './searchQuery';

/**
 * One document per message, and one for each title. The id names both the conversation and the
 * message, so no field has to be stored in the index (the snippet comes from the file).
 */
interface IndexedDocument {
  id: string;
  title: string;
  text: string;
}

/** What the index holds of one conversation: enough to tell which messages changed. */
export interface IndexedConversation {
  updatedAt: number;
  title: string;
  /** Message id -> hash of its text, in the conversation's order. */
  messages: Record<string, number>;
}

const SEPARATOR = '\n';
const TITLE_DOCUMENT = '';

const OPTIONS = {
  fields: ['title', 'text'],
  tokenize: wordsOf,
  processTerm: (term: string) => foldForSearch(term) || null,
  searchOptions: { boost: { title: 2 } },
};

function documentId(conversationId: string, messageId: string): string {
  return `${conversationId}${SEPARATOR}${messageId}`;
}

function conversationOf(id: string): string {
  return id.slice(0, id.indexOf(SEPARATOR));
}

/** FNV-1a: cheap, and only compared with itself to see whether a message's text changed. */
function hashText(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  }
  return hash >>> 0;
}

/**
 * The full-text index over every conversation (MiniSearch), updated a conversation at a time:
 * only messages whose text changed are re-indexed. Derived data: see searchIndexFile.ts.
 */
export class SearchIndex {
  private constructor(
    private readonly mini: MiniSearch<IndexedDocument>,
    private readonly indexed: Map<string, IndexedConversation>,
  ) {}

  static empty(): SearchIndex {
    return new SearchIndex(new MiniSearch<IndexedDocument>(OPTIONS), new Map());
  }

  /** Throws when `index` is not what `serialise` wrote. */
  static parse(index: string, conversations: Record<string, IndexedConversation>): SearchIndex {
    const mini = MiniSearch.loadJSON<IndexedDocument>(index, OPTIONS);
    return new SearchIndex(mini, new Map(Object.entries(conversations)));
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

  upsert(conversation: Conversation): void {
    const before = this.indexed.get(conversation.id);
    const messages: Record<string, number> = {};
    for (const message of conversation.messages) {
      const hash = hashText(message.text);
      messages[message.id] = hash;
      if (before?.messages[message.id] === hash) continue;
      this.replace(documentId(conversation.id, message.id), { title: '', text: message.text });
    }
    for (const id of Object.keys(before?.messages ?? {})) {
      if (!(id in messages)) this.discard(documentId(conversation.id, id));
    }
    if (before?.title !== conversation.title) {
      const id = documentId(conversation.id, TITLE_DOCUMENT);
      this.replace(id, { title: conversation.title, text: '' });
    }
    const { updatedAt, title } = conversation;
    this.indexed.set(conversation.id, { updatedAt, title, messages });
  }

  remove(conversationId: string): void {
    const before = this.indexed.get(conversationId);
    if (!before) return;
    for (const id of [...Object.keys(before.messages), TITLE_DOCUMENT]) {
      this.discard(documentId(conversationId, id));
    }
    this.indexed.delete(conversationId);
  }

  /**
   * Conversations matching every word of `query` in any order, the last word as a prefix, each
   * with its best message's score (MiniSearch ranks exact words above prefixes), best first.
   */
  search(query: string): { conversationId: string; score: number }[] {
    const words = parseQuery(query)?.words ?? [];
    if (words.length === 0) return [];
    const results = this.mini.search(words.join(' '), {
      combineWith: 'AND',
      prefix: (_term, i, terms) => i === terms.length - 1,
    });
    return bestPerConversation(results);
  }

  /** Empty texts are never added, so a known message may have no document. */
  private discard(id: string): void {
    if (this.mini.has(id)) this.mini.discard(id);
  }

  private replace(id: string, fields: Omit<IndexedDocument, 'id'>): void {
    this.discard(id);
    if (fields.title || fields.text) this.mini.add({ id, ...fields });
  }
}

function bestPerConversation(results: SearchResult[]): { conversationId: string; score: number }[] {
  const best = new Map<string, number>();
  for (const result of results) {
    const id = conversationOf(String(result.id));
    best.set(id, Math.max(best.get(id) ?? 0, result.score));
  }
  return [...best].map(([conversationId, score]) => ({ conversationId, score }));
}
