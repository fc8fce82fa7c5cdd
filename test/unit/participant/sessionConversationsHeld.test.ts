import * as assert from 'node:assert/strict';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { ChatContext } from 'vscode';
import { newExchange, type Conversation } from '../../../src/chat/model';
import { SessionConversations } from '../../../src/participant/sessionConversations';

// A Chat view user asks @twin one question per new chat session, all day. Each session's
// conversation is saved to the store; what @twin keeps of it in memory must not add up.

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

const SESSIONS = 200;

describe('@twin sessions over a long day', () => {
  it('holds no answered conversation once the store has it', async () => {
    const saved = new Map<string, Conversation>();
    const sessions = new SessionConversations({
      load: (id) => Promise.resolve(saved.get(id)),
    });
    const answered = await askOneQuestionEach(sessions, saved, SESSIONS);
    // Collected objects are only cleared from a WeakRef once the current job has ended.
    await new Promise((resolve) => setImmediate(resolve));
    collectGarbage();
    // The newest one may still be waiting for its session's next turn.
    const held = answered.slice(0, -1).filter((ref) => ref.deref() !== undefined).length;
    assert.equal(held, 0, `${held} of ${SESSIONS - 1} answered conversations still held`);
  });

  it('still continues a conversation started with /new and not saved yet', async () => {
    const sessions = new SessionConversations({ load: () => Promise.resolve(undefined) });
    const started = sessions.fresh();
    await askOneQuestionEach(sessions, new Map(), 3);
    assert.equal(await sessions.forHistory(historyNaming(started.id)), started);
  });
});

/** Each session's first question fills a new conversation, which the store then saves (a copy). */
async function askOneQuestionEach(
  sessions: SessionConversations,
  saved: Map<string, Conversation>,
  count: number,
): Promise<WeakRef<Conversation>[]> {
  const answered: WeakRef<Conversation>[] = [];
  for (let i = 0; i < count; i += 1) {
    const conversation = await sessions.forHistory([]);
    const { user, assistant } = newExchange(`question ${i}`, [], Date.now());
    assistant.text = 'x'.repeat(1000);
    conversation.messages.push(user, assistant);
    saved.set(conversation.id, structuredClone(conversation));
    answered.push(new WeakRef(conversation));
  }
  return answered;
}

/** A session's history whose newest @twin answer names `conversationId`. */
function historyNaming(conversationId: string): ChatContext['history'] {
  const result = { metadata: { twinChatConversationId: conversationId } };
  return [{ result } as unknown as ChatContext['history'][number]];
}
