import { CONVERSATION_FILE_VERSION, type Conversation } from './model';

// Files are never rewritten just for being read: an older file is brought to today's shape in
// memory, and reaches disk in the new format with the next save.

/**
 * Version 1 (and files from before versions were written) held one linear list. Its messages
 * become a tree with one branch: each message's parent is the one before it, and the server
 * conversation stays `remoteId`, now that of the original branch.
 */
function fromLinear(conversation: Conversation): Conversation {
  conversation.messages.forEach((message, index) => {
    const previous = conversation.messages[index - 1];
    if (previous) message.parentId ??= previous.id;
  });
  return conversation;
}

/**
 * @twin in VS Code's Chat view saved its exchanges unlinked into version 2 files until it used the
 * view's placement: every message a root, no answer under its question. A tree always links all
 * but its first message, so a file of several messages with no link at all is such a list.
 */
function isUnlinkedList(conversation: Conversation): boolean {
  const { messages } = conversation;
  return messages.length > 1 && messages.every((message) => message.parentId === undefined);
}

/** Today's shape of a parsed conversation file, whatever version wrote it. */
export function migrateConversation(conversation: Conversation): Conversation {
  const version = typeof conversation.version === 'number' ? conversation.version : 1;
  const linear = version < 2 || isUnlinkedList(conversation);
  const migrated = linear ? fromLinear(conversation) : conversation;
  // A newer file keeps its number: saving it must not claim an older format it no longer matches.
  migrated.version = Math.max(version, CONVERSATION_FILE_VERSION);
  return migrated;
}
