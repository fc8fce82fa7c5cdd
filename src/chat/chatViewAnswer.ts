import type { HostToWebview } from '../shared/protocol';
import type { OutgoingText } from './answers';
import type { ChatSessions } from './chatSessions';
import type { Conversation } from './model';
import type { RequestRun } from './requestRun';

/**
 * An answer asked with @twin in VS Code's Chat view, streamed as one of the chats' own answers
 * (ChatSessions.answers), so there is one copy of the conversation while it streams: a chat that
 * shows it, or opens it meanwhile, shows the answer arriving in the same object and keeps a
 * message sent meanwhile for later. A second copy read from disk would show the answer as
 * interrupted, and whichever copy was saved last would win. The answer goes into the live copy
 * when a chat opened the conversation after @twin read it. `watch` gets every message of the
 * answer, `started` its run (for Stop). False, with nothing sent, while another answer streams
 * into the conversation.
 */
export async function answerFromChatView(
  sessions: ChatSessions,
  conversation: Conversation,
  outgoing: OutgoingText,
  watch: (message: HostToWebview) => void,
  started: (run: RequestRun) => void,
): Promise<boolean> {
  if (sessions.answers.byConversationId(conversation.id)) return false;
  const live = sessions.liveCopy(conversation.id) ?? conversation;
  await sessions.answers.start(
    live,
    outgoing,
    (run, user) => {
      started(run);
      sessions.showing(live.id)?.answerStarted(run, user, outgoing.target);
    },
    { watch },
  );
  return true;
}
