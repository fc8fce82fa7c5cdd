import { randomUUID } from 'node:crypto';
import {
  PROTOCOL_VERSION,
  type ActiveRequest,
  type HostToWebview,
  type TargetView,
  type TargetsView,
  type ViewState,
} from '../shared/protocol';
import type { ProviderId } from '../shared/providers';
import type { ChatSessions, ConnectionState } from './chatSessions';
import type { Delivery } from './deltaCoalescer';
import {
  newConversation,
  newExchange,
  titleFrom,
  type Conversation,
  type StoredAttachment,
  type StoredTarget,
} from './model';
import { answerCapChars } from './answerLimit';
import { dispatch } from './dispatch';
import { RequestRun } from './requestRun';
import type { SessionMemory } from './sessionMemory';
import { parseTargetKey, targetKey } from './targets';
import { attachmentView, conversationView, messageView } from './views';

/** A way of showing one session: the sidebar view or an editor tab. */
export interface ChatSurface {
  /** Settles when the view has taken the message; undefined when no view shows it now. */
  post(message: HostToWebview): Delivery;
  /** Brings the surface to the front: history asked for the conversation it shows. */
  reveal(): void | PromiseLike<void>;
  /** The shown conversation's title changed (an editor tab shows it as its own). */
  retitle?(title: string): void;
  /** Identifies an editor tab across a window reload (its webview keeps it). */
  readonly id?: string;
}

/** A session's state handed to a new surface ("Open Chat in Editor"). */
export interface SessionStart {
  conversation: Conversation;
  attachments: StoredAttachment[];
  targetKey?: string;
  draft?: string;
}

/** twinChat.attachments.maxSizeMB's default, for hosts (tests, benches) that do not pass one. */
const DEFAULT_ATTACHMENT_MAX_BYTES = 20 * 1024 * 1024;

/**
 * One conversation being worked on in one surface: the source of truth for that view (its
 * conversation, queued attachments, draft and target choice); the webview only mirrors it. The
 * answer streaming into the conversation is tracked by ChatSessions, which this shares with the
 * other surfaces. Everything it posts goes to its own surface.
 */
export class ChatSession {
  private conversation: Conversation;
  private attachments: StoredAttachment[];
  private restored: boolean;
  private connection: 'connected' | 'failed' = 'connected';

  constructor(
    private readonly owner: ChatSessions,
    readonly surface: ChatSurface,
    private readonly memory: SessionMemory,
    start?: SessionStart,
  ) {
    this.conversation = start?.conversation ?? newConversation(randomUUID(), Date.now());
    this.attachments = start?.attachments ?? [];
    this.restored = start !== undefined;
    if (start) {
      const { conversation, targetKey: key, draft } = start;
      void memory.write({ conversationId: conversation.id, targetKey: key, draft });
    }
  }

  /** Everything the webview needs after a (re)load, including an answer still streaming. */
  async viewState(): Promise<ViewState> {
    return (await this.prepareViewState())();
  }

  /**
   * Answers a (re)loaded view with state/init. The snapshot and the post happen in one step, so
   * no delta can be applied between them and be shown twice or not at all.
   */
  async postViewState(): Promise<void> {
    const snapshot = await this.prepareViewState();
    this.openRequest()?.showingWhole();
    this.surface.post({ type: 'state/init', protocolVersion: PROTOCOL_VERSION, state: snapshot() });
    this.surface.retitle?.(this.conversation.title);
  }

  /** Gathers what takes time; the returned function takes the snapshot, synchronously. */
  private async prepareViewState(): Promise<() => ViewState> {
    await this.restoreConversation();
    const deps = this.owner.deps;
    const [credentials, conversations, demoServerAvailable] = await Promise.all([
      deps.presence(),
      deps.store.list(),
      deps.demoServerAvailable(),
    ]);
    return () => ({
      locale: deps.locale(),
      strings: deps.strings(),
      credentials,
      targets: this.targetsView(),
      conversation: conversationView(this.conversation),
      conversations,
      attachments: this.attachments.map(attachmentView),
      draft: this.memory.read().draft ?? '',
      ...this.activeRequestView(),
      demoServerAvailable,
      ...(this.surface.id !== undefined && { surfaceId: this.surface.id }),
    });
  }

  /**
   * After a restart, the conversation that was open comes back (with any cut-off answer marked
   * interrupted). Only once, never over a conversation already in use in this session, and not
   * when another surface shows it already.
   */
  private async restoreConversation(): Promise<void> {
    if (this.restored || this.conversation.messages.length > 0) return;
    this.restored = true;
    const id = this.memory.read().conversationId;
    if (!id || this.owner.showing(id)) return;
    const conversation = await this.owner.find(id);
    if (conversation && !this.owner.showing(id)) this.conversation = conversation;
  }

  ensureTargets(): Promise<void> {
    return this.owner.ensureTargets();
  }

  refreshTargets(): Promise<void> {
    return this.owner.refreshTargets();
  }

  credentialsChanged(): Promise<void> {
    return this.owner.credentialsChanged();
  }

  async selectTarget(keyOrLabel: string): Promise<void> {
    const byLabel = this.owner.targets.current.targets.find((t) => t.label === keyOrLabel);
    const key = byLabel?.key ?? keyOrLabel;
    if (!parseTargetKey(key)) return;
    await this.memory.write({ targetKey: key });
    this.postTargets();
    const target = this.conversation.target;
    // A server-side conversation belongs to one twin or bot: another target means a new chat.
    if (target && targetKey(target.provider, target.id) !== key) await this.newChat();
  }

  async send(text: string, extra: StoredAttachment[] = []): Promise<void> {
    if (this.openRequest()) {
      this.owner.deps.log.warn('A message was sent while an answer is still streaming; ignored');
      return;
    }
    const attachments = [...this.attachments.splice(0), ...extra];
    this.postAttachments();
    await this.memory.write({ draft: '' });
    await this.start(text, attachments);
  }

  private async start(text: string, attachments: StoredAttachment[]): Promise<void> {
    const target = this.resolveTarget();
    const now = Date.now();
    const { user, assistant } = newExchange(text, attachments, now);
    const conversation = this.conversation;
    conversation.title ||= titleFrom(text) || attachments[0]?.name || '';
    conversation.messages.push(user, assistant);
    conversation.updatedAt = now;
    const run = new RequestRun(randomUUID(), conversation, assistant, {
      post: (m) => this.owner.postTo(conversation, m),
      checkpoint: (c) => this.owner.checkpoint(c),
      toView: messageView,
      maxAnswerChars: answerCapChars(this.owner.deps.maxAnswerSizeMB?.()),
    });
    this.surface.post({
      type: 'chat/started',
      requestId: run.requestId,
      userMessage: messageView(user),
      assistantMessage: messageView(assistant),
    });
    this.surface.retitle?.(conversation.title);
    await this.owner.track(run, this.stream(run, target, text, attachments));
  }

  private async stream(
    run: RequestRun,
    target: StoredTarget | undefined,
    text: string,
    attachments: StoredAttachment[],
  ): Promise<void> {
    const deps = this.owner.deps;
    const { conversation, assistant } = run;
    void this.owner.checkpoint(conversation);
    await this.memory.write({ conversationId: conversation.id });
    this.report('streaming');
    try {
      await dispatch(run, target, text, attachments, {
        provider: (kind) => deps.provider(kind),
        stream: deps.streaming(),
        attachmentMaxBytes: deps.attachmentMaxBytes?.() ?? DEFAULT_ATTACHMENT_MAX_BYTES,
      });
    } finally {
      // The conversation may have moved to another surface meanwhile ("Open Chat in Editor").
      const shownIn = this.owner.showing(conversation.id);
      shownIn?.report(
        assistant.status === 'error' ? 'failed' : 'connected',
        assistant.error?.message,
      );
      void this.owner.postConversations();
    }
  }

  private resolveTarget(): StoredTarget | undefined {
    if (this.conversation.target) return this.conversation.target;
    const selected = this.selectedTarget();
    const parsed = selected && parseTargetKey(selected.key);
    return parsed && selected ? { ...parsed, label: selected.label } : undefined;
  }

  private selectedKey(): string | undefined {
    return this.memory.read().targetKey ?? this.owner.targets.selectedKey();
  }

  private selectedTarget(): TargetView | undefined {
    const key = this.selectedKey();
    return this.owner.targets.current.targets.find((t) => t.key === key);
  }

  /** The provider the next message goes to, so attachments can be prepared the right way. */
  selectedProvider(): ProviderId | undefined {
    return this.resolveTarget()?.provider;
  }

  targetsView(): TargetsView {
    return { ...this.owner.targets.current, selectedKey: this.selectedKey() };
  }

  /** Stop: ends this session's answer only. */
  cancel(requestId: string): void {
    const run = this.openRequest();
    if (run?.requestId === requestId) run.cancel();
  }

  /** Stop for a command, which cannot know the request id. */
  cancelCurrent(): void {
    this.openRequest()?.cancel();
  }

  isStreaming(): boolean {
    return this.openRequest() !== undefined;
  }

  /** Sends the user message before a failed, stopped or interrupted answer again, attachments included. */
  async retry(messageId: string): Promise<void> {
    if (this.openRequest()) return;
    const messages = this.conversation.messages;
    const at = messages.findIndex((m) => m.id === messageId && m.role === 'assistant');
    const user = messages[at - 1];
    if (at < 1 || user?.role !== 'user') return;
    messages.splice(at - 1, 2);
    this.surface.post({
      type: 'conversation/show',
      conversation: conversationView(this.conversation),
    });
    await this.start(user.text, user.attachments ?? []);
  }

  async newChat(): Promise<void> {
    this.conversation = newConversation(randomUUID(), Date.now());
    await this.memory.write({ conversationId: undefined });
    this.showConversation();
    this.owner.deps.changed?.();
  }

  /** Shows a conversation here, or brings forward the surface that already shows it. */
  async open(conversationId: string): Promise<void> {
    const elsewhere = this.owner.showing(conversationId);
    if (elsewhere && elsewhere !== this) {
      await elsewhere.surface.reveal();
      return;
    }
    const conversation = await this.owner.find(conversationId);
    if (!conversation || this.owner.showing(conversationId)) return;
    this.conversation = conversation;
    await this.memory.write({ conversationId: conversation.id });
    if (conversation.target) {
      await this.memory.write({
        targetKey: targetKey(conversation.target.provider, conversation.target.id),
      });
    }
    this.postTargets();
    this.showConversation();
    this.owner.deps.changed?.();
  }

  rename(conversationId: string, title: string): Promise<void> {
    return this.owner.rename(conversationId, title);
  }

  delete(conversationId: string): Promise<void> {
    return this.owner.delete(conversationId);
  }

  restore(conversationId: string): Promise<void> {
    return this.owner.restore(conversationId);
  }

  exportMarkdown(conversationId: string): Promise<{ title: string; markdown: string } | undefined> {
    return this.owner.exportMarkdown(conversationId);
  }

  currentConversationId(): string {
    return this.conversation.id;
  }

  /** The live conversation object (for ChatSessions, which edits it in place). */
  conversationNow(): Conversation {
    return this.conversation;
  }

  shows(conversation: Conversation): boolean {
    return this.conversation === conversation;
  }

  async search(query: string): Promise<void> {
    const hits = await this.owner.deps.store.search(query);
    this.surface.post({ type: 'search/results', query, hits });
  }

  queueAttachment(attachment: StoredAttachment): void {
    this.attachments.push(attachment);
    this.postAttachments();
  }

  removeAttachment(attachmentId: string): void {
    this.attachments = this.attachments.filter((a) => a.id !== attachmentId);
    this.postAttachments();
  }

  async saveDraft(text: string): Promise<void> {
    await this.memory.write({ draft: text });
  }

  /**
   * Hands everything to a new surface and starts over with an empty chat ("Open Chat in
   * Editor"); an answer streaming into the conversation follows it there.
   */
  async handOver(): Promise<SessionStart> {
    const start: SessionStart = {
      conversation: this.conversation,
      attachments: this.attachments.splice(0),
      targetKey: this.selectedKey(),
      draft: this.memory.read().draft ?? '',
    };
    await this.memory.write({ draft: '' });
    this.surface.post({ type: 'draft/set', text: '' });
    this.postAttachments();
    await this.newChat();
    return start;
  }

  /** Ends every answer streaming (this one and others) as interrupted; see ChatSessions.shutdown. */
  shutdown(): Promise<void> {
    return this.owner.shutdown();
  }

  /** The surface is gone for good. */
  forget(): Promise<void> {
    return this.memory.forget();
  }

  /** The answer streaming into this session's conversation, if any (not one running in another). */
  private openRequest(): RequestRun | undefined {
    return this.owner.runFor(this.conversation);
  }

  private activeRequestView(): { activeRequest?: ActiveRequest } {
    const active = this.openRequest();
    return active
      ? { activeRequest: { requestId: active.requestId, assistantMessageId: active.assistant.id } }
      : {};
  }

  private postAttachments(): void {
    this.surface.post({
      type: 'attachments/update',
      attachments: this.attachments.map(attachmentView),
    });
  }

  showConversation(): void {
    this.openRequest()?.showingWhole();
    this.surface.post({
      type: 'conversation/show',
      conversation: conversationView(this.conversation),
      ...this.activeRequestView(),
    });
    this.surface.retitle?.(this.conversation.title);
  }

  postTargets(): void {
    this.surface.post({ type: 'targets/update', targets: this.targetsView() });
    this.reportStatus();
  }

  /** Tells the status bar this session's target and state (it shows only the focused one). */
  reportStatus(): void {
    this.owner.report(
      this,
      this.selectedTarget(),
      this.isStreaming() ? 'streaming' : this.connection,
    );
  }

  report(state: ConnectionState, detail?: string): void {
    this.connection = state === 'streaming' ? this.connection : state;
    this.owner.report(this, this.selectedTarget(), state, detail);
  }
}
