import type { CancellationToken, ChatPromptReference, ChatRequest } from 'vscode';
import type { ChatResponseStream, ChatResult } from 'vscode';
import type { Conversation, StoredAttachment } from '../chat/model';
import type { ProviderId } from '../shared/providers';
import { Commands } from '../constants';
import { errorButton } from './errorButtons';
import type { ParticipantDeps } from './participantDeps';
import { plainText } from './plainText';
import { referenceValue } from './references';
import { ResponseWriter } from './responseWriter';
import type { TwinResultMetadata } from './sessionConversations';

export interface Turn {
  request: Pick<ChatRequest, 'prompt' | 'command' | 'references'>;
  conversation: Conversation;
  stream: ChatResponseStream;
  token: CancellationToken;
}

/**
 * A turn's result. VS Code renders `errorDetails.message` as Markdown, and the sentence quotes
 * text that is not ours (the server's words, a file's name, the name typed after /use), so it goes
 * there as plain text.
 */
export function resultFor(conversation: Conversation, error?: string): ChatResult {
  const metadata: TwinResultMetadata = { twinChatConversationId: conversation.id };
  return { metadata, ...(error !== undefined && { errorDetails: { message: plainText(error) } }) };
}

/** A reference the Attach command's checks refused: its sentence, for the user. */
class Refused extends Error {}

async function attachmentsFor(
  references: readonly ChatPromptReference[],
  provider: ProviderId,
  deps: ParticipantDeps,
): Promise<StoredAttachment[]> {
  const attachments: StoredAttachment[] = [];
  // VS Code lists references last-first; the twin reads them in the order the user added them.
  for (const reference of [...references].reverse()) {
    const value = referenceValue(reference.value);
    if (!value) continue;
    try {
      attachments.push(await deps.prepareAttachment(value, provider));
    } catch (error) {
      throw new Refused(error instanceof Error ? error.message : String(error));
    }
  }
  return attachments;
}

/**
 * Sends one question of a Chat view session to the conversation's twin or bot as one of Twin
 * Chat's own answers (so attachments, the answer cap, checkpoints and errors behave the same, and
 * a Twin Chat chat showing the conversation shows it too), and shows the answer through a
 * ResponseWriter.
 */
export async function ask(turn: Turn, deps: ParticipantDeps): Promise<ChatResult> {
  const { request, conversation, stream } = turn;
  const { t } = deps;
  const target = conversation.target ?? (await deps.selectedTarget());
  if (!target) {
    stream.button({ command: Commands.selectTarget, title: t('Select Twin or Bot') });
    return resultFor(conversation, t('Choose a twin or bot first: type /twins to see them.'));
  }
  let attachments: StoredAttachment[];
  try {
    attachments = await attachmentsFor(request.references, target.provider, deps);
  } catch (error) {
    if (error instanceof Refused) return resultFor(conversation, error.message);
    throw error;
  }
  return send(turn, { ...target }, attachments, deps);
}

async function send(
  turn: Turn,
  target: NonNullable<Conversation['target']>,
  attachments: StoredAttachment[],
  deps: ParticipantDeps,
): Promise<ChatResult> {
  const { request, conversation, stream, token } = turn;
  const { t } = deps;
  const writer = new ResponseWriter(stream, (text) => deps.markdown(text));
  const outgoing = { text: request.prompt, attachments, target };
  let stop: { dispose(): void } | undefined;
  let answered: boolean;
  try {
    // Twin Chat's own answers path: a chat showing this conversation shows the answer too.
    answered = await deps.conversations.answer(
      conversation,
      outgoing,
      (message) => writer.post(message),
      (run) => {
        stop = token.onCancellationRequested(() => run.cancel());
        if (token.isCancellationRequested) run.cancel();
      },
    );
  } finally {
    stop?.dispose();
  }
  // Refused, not queued: two answers streaming into one conversation would interleave exchanges.
  if (!answered)
    return resultFor(
      conversation,
      t('Twin Chat is still answering in this conversation. Ask again once it has ended.'),
    );
  const error = writer.error;
  if (!error) return resultFor(conversation);
  const [action] = error.actions;
  if (action) stream.button(errorButton(action, request, t));
  return resultFor(conversation, error.message);
}
