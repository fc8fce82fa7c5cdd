// A generated conversation folder of the size the issue names: mixed English, Vietnamese and code,
// written straight to disk (no index files), the way a year of use leaves it. Deterministic.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Conversation, StoredMessage } from '../../src/chat/model';

const ENGLISH =
  'the retry policy keeps a database migration safe when the server closes idle connections and the client debounces every search request before it reaches the cache layer'.split(
    ' ',
  );
const VIETNAMESE =
  'người dùng muốn lưu dữ liệu vào cơ sở dữ liệu rồi gửi yêu cầu tới máy chủ khi mạng chậm tiếng Việt có dấu đầy đủ đường truyền ổn định'.split(
    ' ',
  );
const CODE = [
  '```ts',
  'export async function fetchWithRetry(url: string) {',
  '  const response = await fetch(url);',
  '  useEffect(() => subscribe(store), []);',
  'def __init__(self, **kwargs):',
  '```',
];

function randomFrom(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 2 ** 32;
  };
}

function words(random: () => number, from: readonly string[], count: number): string {
  return Array.from({ length: count }, () => from[Math.floor(random() * from.length)]).join(' ');
}

/** About 300 characters: prose in one language, sometimes a code block. */
function messageText(random: () => number, i: number): string {
  const prose = words(random, i % 3 === 1 ? VIETNAMESE : ENGLISH, 30 + Math.floor(random() * 30));
  return i % 5 === 3 ? `${prose}\n\n${CODE.join('\n')}` : `${prose} #${Math.floor(random() * 1e6)}`;
}

/**
 * Every word of the vocabularies above is in every conversation, so every query of QUERIES
 * matches all of them: the worst case for the index, whose lookup scores each match. These words
 * are in one message of 10 conversations of any corpus (every tenth of 1,000, each of 10): a
 * query of them finds as many in the large corpus as in the small one, which tells what the
 * corpus's size costs a search apart from the number of its matches.
 */
export const RARE_QUERY = 'kubernetes ingress';
const RARE_MESSAGE = 7;

/** Whether conversation `index` of a corpus of `count` holds RARE_QUERY: 10 of them do. */
function holdsRare(index: number, count: number): boolean {
  return index % Math.max(1, Math.floor(count / 10)) === 0;
}

export function conversationAt(
  index: number,
  messages: number,
  now: number,
  /** The corpus's size, for RARE_QUERY; a conversation made alone holds none of it. */
  count = 0,
): Conversation {
  const random = randomFrom(index + 1);
  const rare = count > 0 && holdsRare(index, count);
  const list: StoredMessage[] = Array.from({ length: messages }, (_, i) => ({
    id: `m${i}`,
    role: i % 2 ? 'assistant' : 'user',
    text: `${messageText(random, i + index)}${rare && i === RARE_MESSAGE ? ` the ${RARE_QUERY} drops idle sockets` : ''}`,
    status: 'complete',
    createdAt: now - index * 60_000,
  }));
  return {
    version: 1,
    id: `conv${index}`,
    title: words(random, index % 2 ? VIETNAMESE : ENGLISH, 5),
    target: { provider: 'twinexpert', id: 't1', label: 'Ada' },
    createdAt: now - index * 60_000,
    updatedAt: now - index * 60_000,
    messages: list,
  };
}

/** Writes `count` conversations of `messages` each; returns their text size in UTF-8 bytes. */
export function writeCorpus(dir: string, count: number, messages: number): number {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const now = Date.now();
  let textBytes = 0;
  for (let i = 0; i < count; i++) {
    const conversation = conversationAt(i, messages, now, count);
    for (const m of conversation.messages) textBytes += Buffer.byteLength(m.text);
    fs.writeFileSync(path.join(dir, `${conversation.id}.json`), JSON.stringify(conversation));
  }
  return textBytes;
}
