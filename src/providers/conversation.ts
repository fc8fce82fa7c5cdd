// The one place a provider's answer gets its server-side conversation id. The ChatProvider
// contract says the terminal event carries it, whichever way the id came about: the one the
// request continued, one created before the message (TwinExpert) or one the server returned with
// the answer (KamiMind's story_id). A provider only announces a new id with a `conversation` event.
import type { ChatEvent, ChatProvider } from './types';

function stamped(event: ChatEvent, conversationId: string | undefined): ChatEvent {
  if (!conversationId || (event.type !== 'complete' && event.type !== 'error')) return event;
  return { ...event, conversationId: event.conversationId ?? conversationId };
}

async function* stampTerminal(
  events: AsyncIterable<ChatEvent>,
  continued: string | undefined,
): AsyncGenerator<ChatEvent> {
  let conversationId = continued;
  for await (const event of events) {
    if (event.type === 'conversation') conversationId = event.conversationId;
    yield stamped(event, conversationId);
  }
}

/** `provider` with the conversation id on every answer's terminal event; every provider ends so. */
export function continuingConversations(provider: ChatProvider): ChatProvider {
  return {
    ...provider,
    send: (request, signal) =>
      stampTerminal(provider.send(request, signal), request.conversationId),
  };
}
