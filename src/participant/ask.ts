import { randomUUID } from 'node:crypto';
import type { CancellationToken, ChatPromptReference, ChatRequest } from 'vscode';
import type { ChatResponseStream, ChatResult } from 'vscode';
import { answerCapChars } from '../chat/answerLimit';
import { dispatch } from '../chat/dispatch';
import { appendExchange } from '../chat/branches';
import { newExchange, titleFrom, type Conversation, type StoredAttachment } from '../chat/model';
import { RequestRun } from '../chat/requestRun';
import { messageView } from '../chat/views';
import type { ProviderId } from '../shared/providers';
import { Commands } from '../constants';
import { errorButton } from './errorButtons';
import type { ParticipantDeps } from './participantDeps';
import { plainText } from './plainText';
import { referenceValue } from './references';
import { ResponseWriter } from './responseWriter';
import type { TwinResultMetadata } from './sessionConversations';

/** Twin Chat's default attachment limit, for a host that reports none. */
const DEFAULT_ATTACHMENT_MAX_BYTES = 20 * 1024 * 1024;

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
 * Sends one question of a Chat view session to the conversation's twin or bot, exactly as Twin
 * Chat's view sends one (dispatch and a request run, so attachments, the answer cap, checkpoints
 * and errors behave the same), and shows the answer through a ResponseWriter.
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
  const writer = new ResponseWriter(stream, (text) => deps.markdown(text));
  const now = Date.now();
  const { user, assistant } = newExchange(request.prompt, attachments, now);
  conversation.title ||= titleFrom(request.prompt) || attachments[0]?.name || '';
  // Linked as Twin Chat's own view links an exchange, so Retry, Regenerate, Edit and Delete work
  // on it there too; a conversation Twin Chat branched continues on the branch shown.
  const { thread } = appendExchange(conversation, user, assistant);
  conversation.updatedAt = now;
  const run = new RequestRun(randomUUID(), conversation, assistant, {
    post: (message) => writer.post(message),
    checkpoint: (c) => save(c, deps),
    toView: messageView,
    maxAnswerChars: answerCapChars(deps.maxAnswerSizeMB()),
    thread,
  });
  const cancelled = token.onCancellationRequested(() => run.cancel());
  try {
    if (token.isCancellationRequested) run.cancel();
    await dispatch(run, target, request.prompt, attachments, {
      provider: (kind) => deps.provider(kind),
      stream: deps.streaming(),
      attachmentMaxBytes: deps.attachmentMaxBytes() || DEFAULT_ATTACHMENT_MAX_BYTES,
    });
  } finally {
    cancelled.dispose();
  }
  const error = writer.error;
  if (!error) return resultFor(conversation);
  const [action] = error.actions;
  if (action) stream.button(errorButton(action, request, deps.t));
  return resultFor(conversation, error.message);
}

async function save(conversation: Conversation, deps: ParticipantDeps): Promise<void> {
  try {
    await deps.store.save(conversation);
    deps.historyChanged();
  } catch (error) {
    deps.log.warn(`Could not save the Chat view conversation: ${String(error)}`);
  }
}
