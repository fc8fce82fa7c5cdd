import { ProviderError } from '../providers/errors';
import type { ChatEvent, ChatProvider, SendRequest } from '../providers/types';
import type { HostToWebview, MessageView } from '../shared/protocol';
import { DeltaCoalescer, type Delivery } from './deltaCoalescer';
import { toErrorView } from './errorView';
import type { Conversation, StoredMessage } from './model';
import type { ServerThread } from './branches';
import { Throttle } from './throttle';
import { CHARS_PER_MB, answerTooLarge, keepWithin } from './answerLimit';
import { localized } from '../shared/localized';

export interface RequestRunDeps {
  /** Shows a message in the view; settles when the view has taken it (flow control for deltas). */
  post(message: HostToWebview): Delivery;
  /**
   * A second view of the answer (@twin's response in VS Code's Chat view): every message, each
   * delta as it arrives. Not coalesced with `post`: a Twin Chat view that (re)loads drops the text
   * its snapshot holds (`showingWhole`), which this view never got.
   */
  watch?(message: HostToWebview): void;
  /** Persists the conversation; called about once a second while streaming and at the end. */
  checkpoint(conversation: Conversation): Promise<void>;
  toView(message: StoredMessage): MessageView;
  /** The most characters kept of one answer: past it the answer is cut and the request ended. */
  maxAnswerChars: number;
  /** Where the server's conversation id goes: a branch's own; the conversation's when absent. */
  thread?: ServerThread;
}

const CHECKPOINT_INTERVAL_MS = 1_000;

/**
 * Each checkpoint rewrites the whole answer, so past a megabyte they are spaced one second per
 * megabyte: the work stays in step with the answer's size instead of growing with its square,
 * and a crash still loses only a few seconds of a very long answer.
 */
function checkpointInterval(answerChars: number): number {
  return CHECKPOINT_INTERVAL_MS * Math.max(1, answerChars / CHARS_PER_MB);
}

/**
 * One answer being received: owns its AbortController, turns provider events into view messages
 * (deltas coalesced), keeps the transcript current and checkpointed, and always ends the
 * assistant message in a final state, whatever the provider or the network did.
 */
export class RequestRun {
  private readonly abort = new AbortController();
  private readonly coalescer: DeltaCoalescer;
  private readonly checkpoints: Throttle;
  /** Ended by the window closing or reloading, not by the user's Stop. */
  private interrupted = false;

  constructor(
    readonly requestId: string,
    readonly conversation: Conversation,
    readonly assistant: StoredMessage,
    private readonly deps: RequestRunDeps,
  ) {
    this.coalescer = new DeltaCoalescer((text) =>
      deps.post({ type: 'chat/delta', requestId, text }),
    );
    this.checkpoints = new Throttle(
      () => void deps.checkpoint(conversation),
      () => checkpointInterval(assistant.text.length),
    );
  }

  /**
   * Whether the answer is still arriving. False from the moment the view is told it finished
   * (chat/done or chat/error), although the run still writes its last checkpoint after that.
   */
  get answering(): boolean {
    return this.assistant.status === 'streaming';
  }

  /** The server conversation this request continues (or starts). */
  get thread(): ServerThread {
    return this.deps.thread ?? this.conversation;
  }

  cancel(): void {
    this.abort.abort();
  }

  /** The view is about to show `assistant.text` whole; only text after it goes out as deltas. */
  showingWhole(): void {
    this.coalescer.discardPending();
  }

  /**
   * Ends the request because the extension is shutting down (window reload or close). The answer
   * is kept as interrupted, with Retry, as it is when the host dies before it can say so: the user
   * did not stop it.
   */
  interrupt(): void {
    this.interrupted = true;
    this.abort.abort();
  }

  async run(provider: ChatProvider, request: SendRequest): Promise<void> {
    try {
      for await (const event of provider.send(request, this.abort.signal)) {
        this.apply(event);
        // Leaving the loop closes the provider's stream (and its socket) even if it never ends.
        if (this.assistant.status !== 'streaming') break;
      }
    } catch (error) {
      // Providers report failures as events; anything thrown is a bug, still shown to the user.
      this.fail(error instanceof ProviderError ? error : unexpected(error), this.assistant.text);
    } finally {
      if (this.assistant.status === 'streaming') {
        this.fail(
          unexpected(new Error('the provider ended without a final event')),
          this.assistant.text,
        );
      }
      this.checkpoints.cancel();
      this.coalescer.dispose();
      // Awaited: when a send resolves, what the user saw is on disk.
      await this.deps.checkpoint(this.conversation);
    }
  }

  /** Ends the answer with a problem found before any request was made (no target, unreadable file). */
  async failBeforeSending(error: ProviderError): Promise<void> {
    this.fail(error, '');
    await this.deps.checkpoint(this.conversation);
  }

  private apply(event: ChatEvent): void {
    switch (event.type) {
      case 'conversation':
        this.thread.remoteId = event.conversationId;
        void this.deps.checkpoint(this.conversation);
        return;
      case 'progress':
        this.coalescer.flush();
        this.tell({
          type: 'chat/progress',
          requestId: this.requestId,
          message: event.message,
        });
        return;
      case 'delta':
        this.append(event.text);
        return;
      case 'complete':
        if (event.conversationId) this.thread.remoteId = event.conversationId;
        this.complete(event.text || this.assistant.text);
        return;
      case 'error':
        if (event.conversationId) this.thread.remoteId = event.conversationId;
        this.fail(event.error, keepWithin(event.partialText || this.assistant.text, this.cap));
        return;
    }
  }

  /** Progress and the end go to both views; deltas take their own paths (`append`). */
  private tell(message: HostToWebview): void {
    this.deps.watch?.(message);
    this.deps.post(message);
  }

  private get cap(): number {
    return this.deps.maxAnswerChars;
  }

  /** Adds a delta, or the part of it that fits, ending the answer when it reaches the cap. */
  private append(text: string): void {
    const room = this.cap - this.assistant.text.length;
    const kept = text.length <= room ? text : keepWithin(text, room);
    this.assistant.text += kept;
    this.deps.watch?.({ type: 'chat/delta', requestId: this.requestId, text: kept });
    this.coalescer.push(kept);
    this.checkpoints.request();
    if (kept.length < text.length) this.cutAtCap(this.assistant.text);
  }

  /** A final text (a whole JSON answer, or one the server restates) is held to the same cap. */
  private complete(text: string): void {
    if (text.length <= this.cap) this.finish('complete', text);
    else this.cutAtCap(keepWithin(text, this.cap));
  }

  /**
   * The answer is ended as failed, never as complete, with what arrived kept; then the request is
   * aborted so the socket is freed even when the server would stream without end.
   */
  private cutAtCap(partialText: string): void {
    this.fail(answerTooLarge(this.cap), partialText);
    this.abort.abort();
  }

  private finish(status: 'complete' | 'stopped' | 'interrupted', text: string): void {
    this.coalescer.flush();
    const now = Date.now();
    Object.assign(this.assistant, { status, text, finishedAt: now });
    this.conversation.updatedAt = now;
    this.tell({
      type: 'chat/done',
      requestId: this.requestId,
      message: this.deps.toView(this.assistant),
    });
  }

  private fail(error: ProviderError, partialText: string): void {
    if (this.assistant.status !== 'streaming') return;
    if (error.kind === 'cancelled' || this.abort.signal.aborted) {
      this.finish(this.interrupted ? 'interrupted' : 'stopped', partialText);
      return;
    }
    this.coalescer.flush();
    const provider = this.conversation.target?.provider;
    const now = Date.now();
    Object.assign(this.assistant, {
      status: 'error',
      text: partialText,
      error: toErrorView(error, provider),
      finishedAt: now,
    });
    this.conversation.updatedAt = now;
    this.tell({
      type: 'chat/error',
      requestId: this.requestId,
      message: this.deps.toView(this.assistant),
    });
  }
}

function unexpected(error: unknown): ProviderError {
  return new ProviderError({
    kind: 'protocol',
    userMessage: localized(
      'Something went wrong while receiving the answer. Retry, or open the logs for details.',
    ),
    detail: error instanceof Error ? error.message : String(error),
  });
}
