// Run as a child process by otherWindowFold.test.ts: "window A", streaming one answer into the
// conversation `live` of the folder argv[2], a checkpoint every 20 ms, printing after each one
// `<text length>` on a line. It never finishes: the test kills it with SIGKILL.
import { ConversationStore } from '../../../../src/chat/conversationStore';
import { newConversation } from '../../../../src/chat/model';

async function main(dir: string): Promise<void> {
  const store = new ConversationStore(dir, () => undefined);
  const conversation = newConversation('live', Date.now());
  conversation.title = 'Live';
  conversation.messages.push(
    { id: 'q', role: 'user', text: 'question', status: 'complete', createdAt: Date.now() },
    { id: 'a', role: 'assistant', text: '', status: 'streaming', createdAt: Date.now() },
  );
  const answer = conversation.messages[1]!;
  await store.save(conversation);
  for (let i = 0; ; i++) {
    answer.text += `word${i} `;
    conversation.updatedAt = Date.now();
    await store.save(conversation);
    process.stdout.write(`${answer.text.length}\n`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

void main(process.argv[2] ?? '');
