import { randomUUID } from 'node:crypto';
import type { ProviderError } from '../providers/errors';
import type { HostToWebview } from '../shared/protocol';
import { answerCapChars } from './answerLimit';
import type { ChatSessionsDeps } from './chatSessions';
import type { Delivery } from './deltaCoalescer';
import { appendExchange, type Placement } from './branches';
import { transcriptOf, withTranscript } from './branchPreamble';
import { dispatch } from './dispatch';
import {
  newExchange,
  titleFrom,
  type Conversation,
  type StoredAttachment,
  type StoredMessage,
  type StoredTarget,
} from './model';
import { RequestRun } from './requestRun';
import { messageView } from './views';

/** twinChat.attachments.maxSizeMB's default, for hosts (tests, benches) that do not pass one. */
const DEFAULT_ATTACHMENT_MAX_BYTES = 20 * 1024 * 1024;

export interface AnswerHooks {
  /** Shows a run's message wherever its conversation is shown now (nowhere is fine). */
  post(conversation: Conversation, message: HostToWebview): Delivery;
  checkpoint(conversation: Conversation): Promise<void>;
  /** The set of streaming conversations changed. */
  changed(): void;
  /** An answer ended: `failed` with the error's sentence, else `connected`. */
  ended(conversation: Conversation, state: 'connected' | 'failed', detail?: string): void;
  /** Why a message has no twin or bot to go to (src/chat/noTarget.ts). */
  noTarget(): Promise<ProviderError>;
}

export interface OutgoingText {
  text: string;
  attachments: StoredAttachment[];
  target: StoredTarget | undefined;
}

/** Puts a new exchange into the conversation's tree: at the end of the path, or as a branch. */
export type Place = (c: Conversation, user: StoredMessage, assistant: StoredMessage) => Placement;

export interface AnswerOptions {
  /** Where the exchange goes; at the end of the visible path when absent. */
  place?: Place;
  /** A view of the answer outside Twin Chat's chats (RequestRunDeps.watch). */
  watch?: (message: HostToWebview) => void;
}

/**
 * The answers streaming now, one per conversation at most, each with its own request and
 * AbortController: Stop or a failure in one never touches another.
 */
export class Answers {
  private readonly runs = new Map<string, RequestRun>();

  constructor(
    private readonly deps: ChatSessionsDeps,
    private readonly hooks: AnswerHooks,
  ) {}

  /** The answer streaming into this conversation object, if any. */
  for(conversation: Conversation): RequestRun | undefined {
    const run = this.runs.get(conversation.id);
    return run?.conversation === conversation ? run : undefined;
  }

  byConversationId(conversationId: string): RequestRun | undefined {
    return this.runs.get(conversationId);
  }

  conversationIds(): string[] {
    return [...this.runs.keys()];
  }

  all(): RequestRun[] {
    return [...this.runs.values()];
  }

  /**
   * Puts the user's message and an empty answer into `conversation` (at the end of the visible
   * path, or as a new branch: `options.place`), then streams the answer; `started` runs once
   * both are in the conversation, before anything is sent. A branch's first request carries the
   * earlier turns as a capped transcript (src/chat/branchPreamble.ts).
   */
  async start(
    conversation: Conversation,
    outgoing: OutgoingText,
    started: (run: RequestRun, user: StoredMessage) => void,
    options: AnswerOptions = {},
  ): Promise<void> {
    const { text, attachments, target } = outgoing;
    const { place = appendExchange, watch } = options;
    const now = Date.now();
    const { user, assistant } = newExchange(text, attachments, now);
    conversation.title ||= titleFrom(text) || attachments[0]?.name || '';
    const { thread, earlier } = place(conversation, user, assistant);
    const preamble = earlier && transcriptOf(earlier);
    if (preamble && user.branch) Object.assign(user.branch, preamble.counts);
    conversation.updatedAt = now;
    const run = new RequestRun(randomUUID(), conversation, assistant, {
      post: (m) => this.hooks.post(conversation, m),
      ...(watch && { watch }),
      checkpoint: (c) => this.hooks.checkpoint(c),
      toView: messageView,
      maxAnswerChars: answerCapChars(this.deps.maxAnswerSizeMB?.()),
      thread,
    });
    this.runs.set(conversation.id, run);
    try {
      started(run, user);
      // History lists it once it is on disk; the request does not wait for the write.
      void this.hooks.checkpoint(conversation).then(() => this.hooks.changed());
      await dispatch(
        run,
        target,
        text,
        attachments,
        {
          provider: (kind) => this.deps.provider(kind),
          stream: this.deps.streaming(),
          attachmentMaxBytes: this.deps.attachmentMaxBytes?.() ?? DEFAULT_ATTACHMENT_MAX_BYTES,
          noTarget: () => this.hooks.noTarget(),
        },
        preamble && ((question) => withTranscript(preamble, question)),
      );
    } finally {
      if (this.runs.get(conversation.id) === run) this.runs.delete(conversation.id);
      this.hooks.changed();
      const failed = assistant.status === 'error';
      this.hooks.ended(conversation, failed ? 'failed' : 'connected', assistant.error?.message);
    }
  }
}
