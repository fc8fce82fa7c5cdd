import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ConversationStore } from '../../../../src/chat/conversationStore';
import { newConversation, type Conversation } from '../../../../src/chat/model';
import type { Timer } from '../../../../src/chat/timer';

/** A conversation of complete messages, alternating user and assistant. */
export function conversationWith(
  id: string,
  texts: string[],
  options: { title?: string; updatedAt?: number } = {},
): Conversation {
  const updatedAt = options.updatedAt ?? Date.now();
  const c = newConversation(id, updatedAt, { provider: 'twinexpert', id: 't1', label: 'Ada' });
  c.title = options.title ?? `About ${id}`;
  texts.forEach((text, i) =>
    c.messages.push({
      id: `${id}-m${i}`,
      role: i % 2 === 0 ? 'user' : 'assistant',
      text,
      status: 'complete',
      createdAt: updatedAt,
    }),
  );
  return c;
}

/** A fresh store folder per test, and stores opened on it (as after a restart). */
export class StoreFolder {
  readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), 'twin-chat-store-'));
  readonly corrupt: string[] = [];

  open(timer?: Timer): ConversationStore {
    return new ConversationStore(this.dir, (file) => this.corrupt.push(path.basename(file)), timer);
  }

  file(name: string): string {
    return path.join(this.dir, name);
  }

  remove(): void {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}
