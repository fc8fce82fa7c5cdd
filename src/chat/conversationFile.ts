import type { MessageStatus } from '../shared/protocol';
import { isProviderId } from '../shared/providers';
import { migrateConversation } from './conversationMigration';
import type { Conversation, StoredMessage } from './model';

// Conversation files are read back after crashes and by future versions of the extension, so
// their contents are checked before use instead of trusted.

const STATUSES: ReadonlySet<MessageStatus> = new Set([
  'complete',
  'streaming',
  'stopped',
  'interrupted',
  'error',
]);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isMessage(value: unknown): value is StoredMessage {
  return (
    isRecord(value) &&
    typeof value.id === 'string' &&
    (value.role === 'user' || value.role === 'assistant') &&
    typeof value.text === 'string' &&
    STATUSES.has(value.status as MessageStatus) &&
    typeof value.createdAt === 'number' &&
    (value.finishedAt === undefined || typeof value.finishedAt === 'number') &&
    (value.parentId === undefined || typeof value.parentId === 'string') &&
    (value.branch === undefined || isBranchStart(value.branch)) &&
    (value.attachments === undefined || isAttachmentList(value.attachments))
  );
}

/** What the chat shows of an attachment (its chip) and what a send reads again (its path). */
function isAttachmentList(value: unknown): boolean {
  return (
    Array.isArray(value) &&
    value.every(
      (a) =>
        isRecord(a) &&
        typeof a.id === 'string' &&
        typeof a.name === 'string' &&
        typeof a.size === 'number' &&
        typeof a.kind === 'string' &&
        (a.path === undefined || typeof a.path === 'string'),
    )
  );
}

/** Where requests go and the name the history list shows: a wrong type must not load. */
function isTarget(value: unknown): boolean {
  return (
    isRecord(value) &&
    typeof value.provider === 'string' &&
    isProviderId(value.provider) &&
    typeof value.id === 'string' &&
    typeof value.label === 'string'
  );
}

/** A branch start names its server conversation, where requests go: a wrong type must not load. */
function isBranchStart(value: unknown): boolean {
  return (
    isRecord(value) &&
    typeof value.fromMessageId === 'string' &&
    (value.remoteId === undefined || typeof value.remoteId === 'string')
  );
}

function isMessageList(value: unknown): value is StoredMessage[] {
  return Array.isArray(value) && value.every(isMessage);
}

export function parseConversation(text: string): Conversation {
  const value: unknown = JSON.parse(text);
  if (
    !isRecord(value) ||
    typeof value.id !== 'string' ||
    typeof value.title !== 'string' ||
    typeof value.updatedAt !== 'number' ||
    !(value.target === undefined || isTarget(value.target)) ||
    !Array.isArray(value.messages) ||
    !value.messages.every(isMessage) ||
    !(value.otherBranches === undefined || isMessageList(value.otherBranches))
  ) {
    throw new Error('not a Twin Chat conversation');
  }
  return migrateConversation(value as unknown as Conversation);
}

/**
 * A message still marked streaming in a file was cut off by a crash or reload: nothing is
 * streaming into it any more, so it becomes `interrupted` and offers Retry.
 */
export function markInterrupted(conversation: Conversation): Conversation {
  for (const message of [...conversation.messages, ...(conversation.otherBranches ?? [])]) {
    if (message.status === 'streaming') message.status = 'interrupted';
  }
  return conversation;
}
