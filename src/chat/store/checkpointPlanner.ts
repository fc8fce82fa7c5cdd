import type { Conversation } from '../model';
import { journalEntry, journalHeader } from './journal';

/** How a save reaches the disk: appended to the journal, or the whole file rewritten. */
export type CheckpointPlan =
  | { kind: 'append'; lines: string; continues: boolean }
  | { kind: 'unchanged' }
  | { kind: 'rewrite'; snapshot: string };

/** What the disk will hold of a conversation whose answer is streaming, once queued writes end. */
interface Written {
  shape: string;
  last: string;
  text: string;
  journalOpen: boolean;
}

/**
 * Everything about a conversation but its streaming answer's text, compactly: when it is the same
 * as at the last write, only that text grew and a journal line is enough. Earlier messages are
 * compared by id, status and length: nothing edits their text while an answer streams, and
 * hashing it would make each checkpoint cost the conversation's length again. A branch's start
 * counts too: the server names a branch's conversation on the question before the answer, and
 * that id must reach the disk at once (a crash would otherwise send the retry elsewhere).
 */
function shapeOf(conversation: Conversation): string {
  const { messages, ...rest } = conversation;
  const last = messages.at(-1);
  const earlier = messages
    .slice(0, -1)
    .map((m) => `${m.id}:${m.status}:${m.text.length}${m.branch ? JSON.stringify(m.branch) : ''}`);
  return JSON.stringify([
    { ...rest, updatedAt: undefined },
    earlier,
    last && { ...last, text: undefined },
  ]);
}

/**
 * Decides, when a save is asked for (synchronously, so queued saves plan against each other),
 * whether it appends the streaming answer's new text to the journal or rewrites the file. A
 * rewrite (any change but new answer text, the answer ending, the first save) folds the journal.
 */
export class CheckpointPlanner {
  private readonly written = new Map<string, Written>();

  plan(conversation: Conversation): CheckpointPlan {
    const last = conversation.messages.at(-1);
    const shape = shapeOf(conversation);
    const before = this.written.get(conversation.id);
    if (
      last?.status === 'streaming' &&
      before?.shape === shape &&
      before.last === last.id &&
      last.text.startsWith(before.text)
    ) {
      return this.append(conversation, before, last.text);
    }
    if (last?.status === 'streaming') {
      this.written.set(conversation.id, {
        shape,
        last: last.id,
        text: last.text,
        journalOpen: false,
      });
    } else {
      this.written.delete(conversation.id);
    }
    return { kind: 'rewrite', snapshot: JSON.stringify(conversation) };
  }

  /** Whether this process is appending to the conversation's journal (so it is not folded). */
  isJournaling(conversationId: string): boolean {
    return this.written.get(conversationId)?.journalOpen === true;
  }

  /** After a failed write or a delete: the next save rewrites the file. */
  forget(conversationId: string): void {
    this.written.delete(conversationId);
  }

  private append(conversation: Conversation, before: Written, text: string): CheckpointPlan {
    if (text.length === before.text.length) return { kind: 'unchanged' };
    const header = before.journalOpen
      ? ''
      : journalHeader({
          messages: conversation.messages.length,
          last: before.last,
          length: before.text.length,
        });
    const entry = journalEntry({
      message: before.last,
      offset: before.text.length,
      text: text.slice(before.text.length),
      updatedAt: conversation.updatedAt,
    });
    this.written.set(conversation.id, { ...before, text, journalOpen: true });
    return { kind: 'append', lines: header + entry, continues: before.journalOpen };
  }
}
