// Search latency over a store: the same queries, each several times, and typing a query key by key.
import type { ConversationStore } from '../../src/chat/conversationStore';
import { RARE_QUERY } from './corpus';

export const QUERIES = [
  'retry policy',
  'database migration',
  'debounce',
  'cache layer',
  'tieng viet',
  'co so du lieu',
  'nguoi dung',
  'dữ liệu máy chủ',
  'fetchWithRetry',
  'useEffect subscribe',
  '__init__',
  'migr',
  'connections idle',
  'duong truyen',
];

/** What a user types, one key at a time: each prefix (of two or more characters) is a search. */
export const TYPED = 'may chu cham';

export async function timeQuery(store: ConversationStore, query: string): Promise<number> {
  const start = performance.now();
  await store.search(query);
  return performance.now() - start;
}

export interface SearchTimes {
  /** QUERIES, each matching every conversation. */
  all: number[];
  /** RARE_QUERY, after each of them: the index keeps its last lookup, so it never follows itself. */
  rare: number[];
}

export async function searchTimes(store: ConversationStore, repeats: number): Promise<SearchTimes> {
  const times: SearchTimes = { all: [], rare: [] };
  for (let r = 0; r < repeats; r++) {
    for (const query of QUERIES) {
      times.all.push(await timeQuery(store, query));
      times.rare.push(await timeQuery(store, RARE_QUERY));
    }
  }
  return times;
}

export async function typingTimes(store: ConversationStore, repeats: number): Promise<number[]> {
  const times: number[] = [];
  for (let r = 0; r < repeats; r++) {
    for (let end = 2; end <= TYPED.length; end++) {
      times.push(await timeQuery(store, TYPED.slice(0, end)));
    }
  }
  return times;
}

export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length - 1) * p))] ?? NaN;
}
