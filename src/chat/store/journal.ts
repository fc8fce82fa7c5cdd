import type { Conversation } from '../model';

// The checkpoint journal of one conversation: while an answer streams, each checkpoint appends one
// line with the answer's new text instead of rewriting the whole file, so its cost follows the
// answer, not the conversation. The first line names the file state it extends; a journal that
// does not extend the file as it is (left over after the file was rewritten) is ignored, and a
// line cut short by a crash ends it: at most the last checkpoint is lost, never earlier text.

/** The conversation file a journal extends: its message count and its last message (streaming). */
interface JournalBase {
  messages: number;
  last: string;
  length: number;
}

/** One checkpoint: text appended at `offset` of message `message`, saved at `updatedAt`. */
interface JournalEntry {
  message: string;
  offset: number;
  text: string;
  updatedAt: number;
}

export function journalHeader(base: JournalBase): string {
  return `${JSON.stringify({ base })}\n`;
}

export function journalEntry(entry: JournalEntry): string {
  return `${JSON.stringify(entry)}\n`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseLine(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    return undefined; // the tail of a write a crash cut short
  }
}

function extendsFile(conversation: Conversation, header: unknown): boolean {
  if (!isRecord(header) || !isRecord(header.base)) return false;
  const { messages, last, length } = header.base;
  const message = conversation.messages.at(-1);
  return (
    message !== undefined &&
    messages === conversation.messages.length &&
    message.id === last &&
    message.status === 'streaming' &&
    message.text.length === length
  );
}

function isEntry(value: unknown): value is JournalEntry {
  return (
    isRecord(value) &&
    typeof value.message === 'string' &&
    typeof value.offset === 'number' &&
    typeof value.text === 'string' &&
    typeof value.updatedAt === 'number'
  );
}

/**
 * `conversation` (as read from its file) with the journal's checkpoints applied, in place. Returns
 * whether anything was applied. Stops at the first line that is cut short or does not continue
 * the text exactly where the previous one ended.
 */
export function applyJournal(conversation: Conversation, journal: string): boolean {
  const [header, ...lines] = journal.split('\n');
  if (header === undefined || !extendsFile(conversation, parseLine(header))) return false;
  const message = conversation.messages.at(-1);
  if (!message) return false;
  let applied = false;
  for (const line of lines) {
    const entry = parseLine(line);
    if (!isEntry(entry) || entry.message !== message.id || entry.offset !== message.text.length) {
      break;
    }
    message.text += entry.text;
    conversation.updatedAt = entry.updatedAt;
    applied = true;
  }
  return applied;
}
