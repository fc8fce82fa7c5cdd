// How long a save holds the extension host: the synchronous part of `ConversationStore.save`,
// which runs on the host's one thread before anything is written, when the user sends (the
// question and an empty answer streaming) and when the answer ends. The search index is brought
// up to date later (src/chat/store/searchIndexKeeper.ts); that later work is timed too, by firing
// its timer by hand.
import { ConversationStore } from '../../src/chat/conversationStore';
import type { StoredMessage } from '../../src/chat/model';
import { ManualTimer } from '../../test/unit/chat/manualTimer';
import { conversationAt } from './corpus';

const ANSWER = 'an answer of a few hundred words, '.repeat(40);

export interface SaveTimes {
  /** The synchronous part of each save, ms: two per exchange. */
  save: number[];
  /** The deferred indexing after each exchange, ms. */
  indexing: number[];
}

/** `exchanges` question-and-answer rounds appended to a conversation of `earlierMessages`. */
export async function saveTimes(
  dir: string,
  earlierMessages: number,
  exchanges: number,
): Promise<SaveTimes> {
  const timer = new ManualTimer(); // the bench decides when the indexing runs
  const store = new ConversationStore(dir, () => undefined, timer);
  await store.whenSearchIndexCaughtUp();
  const conversation = conversationAt(0, earlierMessages, Date.now());
  const times: SaveTimes = { save: [], indexing: [] };
  const timedSave = async (): Promise<void> => {
    const start = performance.now();
    const written = store.save(conversation);
    times.save.push(performance.now() - start);
    await written;
  };
  for (let i = 0; i < exchanges; i++) {
    const now = Date.now();
    const question: StoredMessage = {
      id: `q${i}`,
      role: 'user',
      text: `question ${i}`,
      status: 'complete',
      createdAt: now,
    };
    const answer: StoredMessage = {
      id: `a${i}`,
      role: 'assistant',
      text: '',
      status: 'streaming',
      createdAt: now,
    };
    conversation.messages.push(question, answer);
    conversation.updatedAt = now;
    await timedSave();
    answer.text = ANSWER;
    answer.status = 'complete';
    await timedSave();
    const start = performance.now();
    timer.fire();
    times.indexing.push(performance.now() - start);
  }
  await store.flush();
  return times;
}
