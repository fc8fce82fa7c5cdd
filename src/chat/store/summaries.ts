import type { Stats } from 'node:fs';
import type { ConversationSummary } from '../../shared/protocol';
import { branchRemoteIds, type Conversation } from '../model';

// The entries of the store's list (index.json): what the history list shows of a conversation.

/** Every write of index.json is a new file (atomicFile.ts), so its inode changes even when the
 * clock or the size does not; the time and size cover file systems without stable inodes. */
export function stampOf(stats: Stats): string {
  return `${stats.ino}:${stats.mtimeMs}:${stats.size}`;
}

/** An entry of index.json as read: another version or a hand edit may have left anything. */
export function isSummary(value: unknown): value is ConversationSummary {
  const v = value as Partial<ConversationSummary> | null;
  return (
    typeof v?.id === 'string' && typeof v.title === 'string' && typeof v.updatedAt === 'number'
  );
}

/** The list's entry for a conversation. */
export function summarise(conversation: Conversation): ConversationSummary {
  const branches = branchRemoteIds(conversation);
  return {
    id: conversation.id,
    title: conversation.title,
    targetLabel: conversation.target?.label ?? '',
    provider: conversation.target?.provider ?? 'twinexpert',
    updatedAt: conversation.updatedAt,
    ...(conversation.origin && { origin: conversation.origin }),
    remoteId: conversation.remoteId ?? '',
    ...(branches.length > 0 && { branchRemoteIds: branches }),
  };
}
