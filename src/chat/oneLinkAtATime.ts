import type { ConversationStore } from './conversationStore';
import { InOrder } from './inOrder';

/**
 * Opening a server conversation looks for a local copy, fetches its history, then saves it: two
 * opens of the same one at once (a double click on its row, the command and the history panel
 * together) both found none and saved two copies. Per store and server id, they take turns, so
 * the second finds what the first linked.
 */
const queues = new WeakMap<ConversationStore, Map<string, { inOrder: InOrder; waiting: number }>>();

export async function oneLinkAtATime<T>(
  store: ConversationStore,
  serverKey: string,
  link: () => Promise<T>,
): Promise<T> {
  const byKey = queues.get(store) ?? new Map<string, { inOrder: InOrder; waiting: number }>();
  queues.set(store, byKey);
  const queue = byKey.get(serverKey) ?? { inOrder: new InOrder(), waiting: 0 };
  byKey.set(serverKey, queue);
  queue.waiting += 1;
  try {
    return await queue.inOrder.run(link);
  } finally {
    queue.waiting -= 1;
    if (queue.waiting === 0) byKey.delete(serverKey);
  }
}
