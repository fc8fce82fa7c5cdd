import * as fs from 'node:fs/promises';
import { writeFileAtomic } from '../atomicFile';
import { type IndexedConversation, SearchIndex } from './searchIndex';

// The search index on disk: a header line (format version and what each conversation was indexed
// at) and MiniSearch's own JSON on the second line. Derived data: anything unexpected in it makes
// the caller rebuild it from the conversation files instead of trusting it.

/** 2: a document per conversation (1 had one per message). 3: long numbers by their first digits. */
const FORMAT_VERSION = 3;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isIndexedConversation(value: unknown): value is IndexedConversation {
  return (
    isRecord(value) &&
    typeof value.updatedAt === 'number' &&
    typeof value.title === 'string' &&
    typeof value.hash === 'number'
  );
}

/** The index in `file`; throws (ENOENT when missing) if it cannot be used. */
export async function readSearchIndex(file: string): Promise<SearchIndex> {
  const text = await fs.readFile(file, 'utf8');
  const newline = text.indexOf('\n');
  if (newline < 0) throw new Error('search index has no header');
  const header: unknown = JSON.parse(text.slice(0, newline));
  if (!isRecord(header) || header.version !== FORMAT_VERSION || !isRecord(header.conversations)) {
    throw new Error('search index header is not recognised');
  }
  const conversations = header.conversations;
  if (!Object.values(conversations).every(isIndexedConversation)) {
    throw new Error('search index header lists a damaged conversation');
  }
  return SearchIndex.parse(
    text.slice(newline + 1),
    conversations as Record<string, IndexedConversation>,
  );
}

export async function writeSearchIndex(file: string, index: SearchIndex): Promise<void> {
  const { index: body, conversations } = index.serialise();
  const header = JSON.stringify({ version: FORMAT_VERSION, conversations });
  await writeFileAtomic(file, `${header}\n${body}`);
}
