// Bytes the store writes per second while an answer streams at 200 deltas a second, checkpointed
// once a second as the chat controller does: counted at the file-system calls the store makes.
import { createRequire } from 'node:module';
import { ConversationStore } from '../../src/chat/conversationStore';
import type { StoredMessage } from '../../src/chat/model';
import { conversationAt } from './corpus';

const DELTAS_PER_SECOND = 200;
const DELTA = 'streamed words, ';

type Writer = (file: unknown, data: unknown, options?: unknown) => Promise<void>;

/**
 * Counts bytes handed to writeFile and appendFile while `work` runs. The module object itself is
 * patched (the bundle reads its functions through getters on it), not an import's namespace.
 */
async function countingWrites(work: () => Promise<void>): Promise<number> {
  const module = createRequire(__filename)('node:fs/promises') as Record<
    'writeFile' | 'appendFile',
    Writer
  >;
  const original = { writeFile: module.writeFile, appendFile: module.appendFile };
  let bytes = 0;
  const counting =
    (write: Writer): Writer =>
    (file, data, options) => {
      bytes += typeof data === 'string' ? Buffer.byteLength(data) : 0;
      return write(file, data, options);
    };
  module.writeFile = counting(original.writeFile);
  module.appendFile = counting(original.appendFile);
  try {
    await work();
  } finally {
    Object.assign(module, original);
  }
  return bytes;
}

/** Bytes per second of streaming, over `seconds` of simulated time, after the answer started. */
export async function streamingBytesPerSecond(
  dir: string,
  earlierMessages: number,
  seconds: number,
): Promise<number> {
  const store = new ConversationStore(dir, () => undefined);
  const conversation = conversationAt(0, earlierMessages, Date.now());
  const answer: StoredMessage = {
    id: 'answer',
    role: 'assistant',
    text: '',
    status: 'streaming',
    createdAt: Date.now(),
  };
  conversation.messages.push(answer);
  await store.save(conversation); // the answer's start: a rewrite, as today
  const bytes = await countingWrites(async () => {
    for (let second = 0; second < seconds; second++) {
      answer.text += DELTA.repeat(DELTAS_PER_SECOND);
      await store.save(conversation);
    }
  });
  await store.flush();
  return bytes / seconds;
}
