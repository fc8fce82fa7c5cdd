import { ProviderError } from '../providers/errors';
import type { ChatProvider } from '../providers/types';
import type { ProviderId } from '../shared/providers';
import { AttachmentChanged } from './attachmentCheck';
import type { StoredAttachment, StoredTarget } from './model';
import { buildOutgoing, type OutgoingMessage } from './outgoing';
import type { RequestRun } from './requestRun';
import { localized } from '../shared/localized';

export interface DispatchDeps {
  provider(kind: ProviderId): ChatProvider;
  stream: boolean;
  /** The attachment size limit now, checked again at send (the file may have grown). */
  attachmentMaxBytes: number;
  /** Why there is no twin or bot to send to, and what to do (noTarget.ts). */
  noTarget(): Promise<ProviderError>;
}

/**
 * Sends one message for a run: to the conversation's twin or bot, continuing its server-side
 * conversation, with attachments uploaded or inlined as the provider needs. Problems found before
 * anything is sent end the answer the same way a server error would, so Retry works for them too.
 */
export async function dispatch(
  run: RequestRun,
  target: StoredTarget | undefined,
  text: string,
  attachments: StoredAttachment[],
  deps: DispatchDeps,
  /** Turns to send before the text: the first request of a branch (branchPreamble.ts). */
  preamble?: (text: string) => string,
): Promise<void> {
  if (!target) {
    await run.failBeforeSending(await deps.noTarget());
    return;
  }
  run.conversation.target ??= target;
  let outgoing: OutgoingMessage;
  try {
    outgoing = await buildOutgoing(target.provider, text, attachments, deps.attachmentMaxBytes);
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    const userMessage =
      cause instanceof AttachmentChanged
        ? reason
        : localized('An attachment could not be read ({0}). Attach it again.', reason);
    await run.failBeforeSending(new ProviderError({ kind: 'badRequest', userMessage }));
    return;
  }
  await run.run(deps.provider(target.provider), {
    targetId: target.id,
    ...(run.thread.remoteId && { conversationId: run.thread.remoteId }),
    text: preamble ? preamble(outgoing.text) : outgoing.text,
    attachments: outgoing.attachments,
    stream: deps.stream,
  });
}
