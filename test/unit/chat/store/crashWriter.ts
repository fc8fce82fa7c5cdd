// Run by checkpointCrash.test.ts as a child process, killed at random moments: continues the one
// conversation in the folder named by argv[2] as fast as it can, exchange after exchange, saving a
// checkpoint after every piece of each answer the way the chat controller does while streaming.
// After each checkpoint is written it prints `<message index> <text length>` on a line: the test
// counts them to choose when to kill it, and checks that what was written is still there.
import { ConversationStore } from '../../../../src/chat/conversationStore';
import { newConversation } from '../../../../src/chat/model';
import { DELTA_LENGTH, expectedText } from './crashText';

const CONVERSATION_ID = 'crash';

async function main(dir: string): Promise<void> {
  const store = new ConversationStore(dir, (file, reason) => {
    process.stderr.write(`corrupt ${file}: ${reason}\n`);
    process.exit(3);
  });
  const conversation =
    (await store.load(CONVERSATION_ID)) ?? newConversation(CONVERSATION_ID, Date.now());
  conversation.title = 'Crash test';
  for (;;) {
    const at = conversation.messages.length;
    const now = Date.now();
    const user = {
      id: `m${at}`,
      role: 'user' as const,
      text: expectedText(at),
      status: 'complete' as const,
      createdAt: now,
    };
    const answer = {
      id: `m${at + 1}`,
      role: 'assistant' as const,
      text: '',
      status: 'streaming' as const,
      createdAt: now,
    };
    conversation.messages.push(user, { ...answer });
    const streaming = conversation.messages[at + 1]!;
    await store.save(conversation);
    const full = expectedText(at + 1);
    for (let offset = 0; offset < full.length; offset += DELTA_LENGTH) {
      streaming.text = full.slice(0, offset + DELTA_LENGTH);
      conversation.updatedAt = Date.now();
      await store.save(conversation);
      process.stdout.write(`${at + 1} ${streaming.text.length}\n`);
    }
    streaming.status = 'complete';
    await store.save(conversation);
  }
}

void main(process.argv[2] ?? '');
