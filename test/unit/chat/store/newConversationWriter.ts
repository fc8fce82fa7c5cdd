// Run as a child process by newConversationCrash.test.ts: starts new conversations one after the
// other (the first save of each, as when the user sends the first question of a new chat), with a
// folder already holding many conversations, until killed.
import { ConversationStore } from '../../../../src/chat/conversationStore';
import { newConversation } from '../../../../src/chat/model';

async function main(dir: string, first: number): Promise<void> {
  const store = new ConversationStore(dir, () => undefined);
  await store.list();
  for (let i = first; ; i++) {
    const conversation = newConversation(`new${i}`, Date.now());
    conversation.title = `New chat ${i}`;
    conversation.messages.push(
      {
        id: 'q',
        role: 'user',
        text: 'my first question',
        status: 'complete',
        createdAt: Date.now(),
      },
      { id: 'a', role: 'assistant', text: '', status: 'streaming', createdAt: Date.now() },
    );
    await store.save(conversation);
    process.stdout.write(`${i}\n`);
  }
}

void main(process.argv[2] ?? '', Number(process.argv[3] ?? 0));
