// Run as a child process by recoveredAnswerSearch.test.ts. One window: an answer streams into
// `live`; meanwhile the user searches the history once (so the index holds the conversation as it
// was when the answer started), and the index is written to search.index when changes rest. Its
// timers run 100 times faster than the real ones. Prints `ready` once the answer holds the word
// `zebracorn`; it streams on until killed.
import { ConversationStore } from '../../../../src/chat/conversationStore';
import { newConversation } from '../../../../src/chat/model';
import type { Timer } from '../../../../src/chat/timer';

const fast: Timer = {
  after(ms, fn) {
    const timer = setTimeout(fn, ms / 100);
    return () => clearTimeout(timer);
  },
};

async function main(dir: string): Promise<void> {
  const store = new ConversationStore(dir, () => undefined, fast);
  await store.list();
  const conversation = newConversation('live', Date.now());
  conversation.title = 'Live';
  conversation.messages.push(
    { id: 'q', role: 'user', text: 'tell me a story', status: 'complete', createdAt: Date.now() },
    { id: 'a', role: 'assistant', text: '', status: 'streaming', createdAt: Date.now() },
  );
  const answer = conversation.messages[1]!;
  await store.save(conversation);
  await store.searchWithProgress('story'); // the history panel, searched while it streams
  for (let i = 0; ; i++) {
    answer.text += i === 5 ? 'zebracorn ' : `word${i} `;
    conversation.updatedAt = Date.now();
    await store.save(conversation);
    if (i === 60) process.stdout.write('ready\n');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

void main(process.argv[2] ?? '');
