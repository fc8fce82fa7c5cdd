import * as assert from 'node:assert/strict';
import { continuingConversations } from '../../../src/providers/conversation';
import { ProviderError } from '../../../src/providers/errors';
import type { ChatEvent, ChatProvider, SendRequest } from '../../../src/providers/types';

// Both providers end with continuingConversations, the one place terminal events get their
// server-side conversation id (the provider tests check it end to end against the simulator).
describe('continuingConversations', () => {
  function replaying(events: ChatEvent[]): ChatProvider {
    return continuingConversations({
      id: 'kamimind',
      listTargets: () => Promise.resolve([]),
      checkConnection: () => Promise.resolve({ ok: true, detail: '' }),
      // eslint-disable-next-line @typescript-eslint/require-await
      send: async function* () {
        yield* events;
      },
    });
  }

  async function send(provider: ChatProvider, conversationId?: string): Promise<ChatEvent[]> {
    const request: SendRequest = { targetId: 't', text: 'hi', stream: true, conversationId };
    const events: ChatEvent[] = [];
    for await (const event of provider.send(request, new AbortController().signal)) {
      events.push(event);
    }
    return events;
  }

  const failed = new ProviderError({ kind: 'server', userMessage: 'The server failed.' });

  it('stamps the conversation the request continued on the terminal event', async () => {
    const events = await send(replaying([{ type: 'complete', text: 'ok' }]), 'c1');
    assert.deepEqual(events, [{ type: 'complete', text: 'ok', conversationId: 'c1' }]);
  });

  it('stamps a conversation announced in the answer, over the one continued', async () => {
    const answer: ChatEvent[] = [
      { type: 'delta', text: 'p' },
      { type: 'conversation', conversationId: 'new' },
      { type: 'error', error: failed, partialText: 'p' },
    ];
    const events = await send(replaying(answer), 'old');
    assert.deepEqual(events.at(-1), {
      type: 'error',
      error: failed,
      partialText: 'p',
      conversationId: 'new',
    });
    assert.deepEqual(events[0], { type: 'delta', text: 'p' }, 'only terminal events are stamped');
  });

  it('leaves a new conversation without an id when the server named none', async () => {
    const events = await send(replaying([{ type: 'complete', text: 'ok' }]));
    assert.deepEqual(events, [{ type: 'complete', text: 'ok' }]);
  });
});
