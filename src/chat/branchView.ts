import type { MessageView } from '../shared/protocol';
import { allMessages, childrenIndex } from './branches';
import { titleFrom, type Conversation, type StoredMessage } from './model';

type BranchMarks = Pick<MessageView, 'siblingIds' | 'branch'>;

/**
 * What the view shows of the tree for each message on the visible path: its versions (for the
 * `< 2 / 3 >` switcher) and, on a branch's first question, what it was made from and how much
 * of the earlier turns its new server conversation was told.
 */
export function branchMarker(conversation: Conversation): (message: StoredMessage) => BranchMarks {
  const all = allMessages(conversation);
  if (all.length === conversation.messages.length && !conversation.messages.some((m) => m.branch))
    return () => ({});
  const children = childrenIndex(all);
  const byId = new Map(all.map((m) => [m.id, m]));
  return (message) => {
    const siblings = (children.get(message.parentId ?? '') ?? []).filter(
      (m) => m.role === message.role,
    );
    const branch = message.branch;
    const from = branch && byId.get(branch.fromMessageId);
    return {
      ...(siblings.length > 1 && { siblingIds: siblings.map((m) => m.id) }),
      ...(branch && {
        branch: {
          of: from ? titleFrom(from.text) : '',
          sentTurns: branch.sentTurns ?? 0,
          droppedTurns: branch.droppedTurns ?? 0,
        },
      }),
    };
  };
}
