import { PROTOCOL_VERSION, type TargetsView, type ViewState } from '../shared/protocol';
import type { ProviderId } from '../shared/providers';
import type { ChatSessions, ConnectionState } from './chatSessions';
import type { Place } from './answers';
import { exportMarkdown } from './exportMarkdown';
import { InOrder } from './inOrder';
import { QueuedAttachments } from './queuedAttachments';
import type { Conversation, StoredAttachment, StoredMessage, StoredTarget } from './model';
import type { RequestRun } from './requestRun';
import { SessionBranches } from './sessionBranches';
import type { ChatSurface, SessionStart } from './chatSurface';
import type { SessionMemory } from './sessionMemory';
import { SessionTarget } from './sessionTarget';
import { ShownConversation } from './shownConversation';
import { targetKey } from './targets';
import { activeRequestView, conversationView, messageInTree, messageView } from './views';

/**
 * One conversation being worked on in one surface: the source of truth for that view (its
 * conversation, queued attachments, draft and target choice); the webview only mirrors it. The
 * answer streaming into the conversation is tracked by ChatSessions, which this shares with the
 * other surfaces. Everything it posts goes to its own surface.
 */
export class ChatSession {
  private readonly shown: ShownConversation;
  private readonly attachments: QueuedAttachments;
  private connection: 'connected' | 'failed' = 'connected';
  private readonly target: SessionTarget;
  private readonly branches: SessionBranches;
  /**
   * What changes the conversation or target the next message goes to, and sending it, happen in
   * the order asked for: a message sent while another twin's choice is being saved goes to it.
   */
  private readonly inOrder = new InOrder();

  constructor(
    /** What this session shares with the other surfaces' sessions. */
    readonly shared: ChatSessions,
    readonly surface: ChatSurface,
    private readonly memory: SessionMemory,
    start?: SessionStart,
  ) {
    this.attachments = new QueuedAttachments(surface, start?.attachments);
    this.target = new SessionTarget(memory, shared.targets);
    this.shown = new ShownConversation(this, memory, this.target, start?.conversation);
    this.branches = new SessionBranches({
      shared,
      surface,
      conversationNow: () => this.shown.current,
      isStreaming: () => this.isStreaming(),
      showConversation: () => this.showConversation(),
      startAnswer: (text, attachments, place) => this.start(text, attachments, place),
    });
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
    this.surface.retitle?.(this.shown.current.title);
  }

  /** Gathers what takes time; the returned function takes the snapshot, synchronously. */
  private async prepareViewState(): Promise<() => ViewState> {
    await this.restoreConversation();
    const deps = this.shared.deps;
    const [credentials, conversations, demoServerAvailable] = await Promise.all([
      deps.presence(),
      this.shared.listConversations(),
      deps.demoServerAvailable(),
    ]);
    return () => ({
      locale: deps.locale(),
      strings: deps.strings(),
      credentials,
      targets: this.targetsView(),
      conversation: conversationView(this.shown.current),
      conversations,
      attachments: this.attachments.views(),
      draft: this.memory.read().draft ?? '',
      ...activeRequestView(this.openRequest()),
      demoServerAvailable,
      ...(this.surface.id !== undefined && { surfaceId: this.surface.id }),
    });
  }

  /**
   * A command can act on this chat before its view ever asked for its state (the first thing done
   * in a window): it must find the conversation the view is going to show, not an empty one.
   */
  restoreBeforeUse(): Promise<void> {
    return this.restoreConversation();
  }

  /** The conversation shown before a restart comes back, once (shownConversation.ts). */
  private async restoreConversation(): Promise<void> {
    // Taken back, it is shown here now: the other chats' history lists, sent before this page
    // asked, mark it open.
    if (await this.shown.restore()) this.shared.changed();
  }

  /** The surface that showed `conversationId` closed: this session may show it now. */
  async takeOverFromClosed(conversationId: string): Promise<void> {
    if (!(await this.shown.takeOverFromClosed(conversationId))) return;
    this.postTargets();
    this.showConversation();
    this.shared.changed();
  }

  selectTarget(keyOrLabel: string): Promise<void> {
    return this.inOrder.run(() => this.switchTarget(keyOrLabel));
  }

  private async switchTarget(keyOrLabel: string): Promise<void> {
    const key = await this.target.choose(keyOrLabel);
    if (!key) return;
    this.postTargets();
    const target = this.shown.current.target;
    // A server-side conversation belongs to one twin or bot: another target means a new chat.
    // (A conversation has a target from its first message on, so there is something to leave.)
    if (!target || targetKey(target.provider, target.id) === key) return;
    await this.startNewChat();
    const label = this.target.selected()?.label;
    // Said, not silent: the user may think the old conversation is gone.
    if (label) this.surface.post({ type: 'notice/newChatForTarget', targetLabel: label });
  }

  /** A key was set or removed: a warning earned with the old key says nothing about the new one. */
  credentialsChanged(): void {
    this.connection = 'connected';
  }

  /** Test Connection found `provider`'s credentials accepted: the target's warning is over. */
  connectionVerified(provider: ProviderId): void {
    if (this.connection !== 'failed' || this.selectedProvider() !== provider) return;
    this.report('connected');
  }

  async send(text: string, extra: StoredAttachment[] = []): Promise<void> {
    // In order up to the answer's start only: Stop, a draft or another tab's message must not
    // wait for the whole answer.
    const started = await this.inOrder.run(async () => {
      await this.listedIfUnresolved();
      if (this.openRequest()) {
        await this.keepForLater(text, extra);
        return undefined;
      }
      const attachments = [...this.attachments.takeAll(), ...extra];
      // Not awaited: the answer must be registered before anything yields, or a second send in
      // that gap would start a second answer into the same conversation.
      void this.memory.write({ draft: '' });
      return { answered: this.start(text, attachments) };
    });
    await started?.answered;
  }

  /**
   * A command can send before any view listed the twins and bots (Send Selection in a new
   * window, the chat view not opened yet): the choice kept from the last window names a twin
   * only once the list is there, so the message waits for the listing rather than failing.
   */
  private async listedIfUnresolved(): Promise<void> {
    if (this.target.key() === undefined || this.target.resolve(this.shown.current)) return;
    await this.shared.ensureTargets().catch((error: unknown) => {
      this.shared.deps.log.warn(`Listing twins and bots before a send failed: ${String(error)}`);
    });
  }

  /**
   * A command (Send Selection, Attach and Ask) can send while this chat still answers: nothing the
   * user typed is lost. The text goes back into the message box, after any draft, and the files
   * join the queue, for the user to send once the answer ends.
   */
  private async keepForLater(text: string, extra: StoredAttachment[]): Promise<void> {
    this.shared.deps.log.warn('A message was sent while an answer is streaming; kept in the box');
    const draft = this.memory.read().draft ?? '';
    const kept = draft.trim() === '' ? text : `${draft}\n\n${text}`;
    this.attachments.add(...extra);
    this.surface.post({ type: 'draft/set', text: kept });
    this.surface.reveal();
    await this.memory.write({ draft: kept });
  }

  private async start(text: string, attachments: StoredAttachment[], place?: Place): Promise<void> {
    const conversation = this.shown.current;
    const target = this.target.resolve(conversation);
    await this.shared.answers.start(
      conversation,
      { text, attachments, target },
      (run, user) => this.answerStarted(run, user, target),
      { place },
    );
  }

  /** An answer started in this chat's conversation: sent here, or with @twin in the Chat view. */
  answerStarted(run: RequestRun, user: StoredMessage, target: StoredTarget | undefined): void {
    const conversation = run.conversation;
    this.surface.post({
      type: 'chat/started',
      requestId: run.requestId,
      userMessage: messageInTree(conversation)(user),
      assistantMessage: messageView(run.assistant),
      ...(target && { answerer: target.label }),
    });
    this.surface.retitle?.(conversation.title);
    void this.memory.write({ conversationId: conversation.id });
    this.report('streaming');
  }

  /** The provider the next message goes to, so attachments can be prepared the right way. */
  selectedProvider(): ProviderId | undefined {
    return this.target.resolve(this.shown.current)?.provider;
  }

  targetsView(): TargetsView {
    return this.target.view();
  }

  /** Stop: ends this session's answer only; a command, which knows no request id, gives none. */
  cancel(requestId?: string): void {
    const run = this.openRequest();
    if (run && (requestId === undefined || run.requestId === requestId)) run.cancel();
  }

  isStreaming(): boolean {
    return this.openRequest() !== undefined;
  }

  // Branch operations (the webview's message actions) live in SessionBranches.
  retry(messageId: string): Promise<void> {
    return this.branches.retry(messageId);
  }

  edit(messageId: string, text: string): Promise<void> {
    return this.branches.edit(messageId, text);
  }

  regenerate(messageId: string): Promise<void> {
    return this.branches.regenerate(messageId);
  }

  switchBranch(messageId: string): Promise<void> {
    return this.branches.switchBranch(messageId);
  }

  deleteExchange(messageId: string): Promise<void> {
    return this.branches.deleteExchange(messageId);
  }

  /** A message of the visible path as Markdown (its text is Markdown), for Copy. */
  messageMarkdown(messageId: string): string | undefined {
    return this.shown.current.messages.find((m) => m.id === messageId)?.text;
  }

  /** The visible path of the open conversation as Markdown, for Copy Conversation. */
  conversationMarkdown(): string | undefined {
    const conversation = this.shown.current;
    return conversation.messages.length > 0 ? exportMarkdown(conversation) : undefined;
  }

  newChat(): Promise<void> {
    return this.inOrder.run(() => this.startNewChat());
  }

  private async startNewChat(): Promise<void> {
    await this.shown.startNew();
    this.showConversation();
    // An answer may still stream into the conversation left (it is saved); this chat is idle, and
    // that answer's end reports to no one.
    this.reportStatus();
    this.shared.changed();
  }

  /** Shows a conversation here, or brings forward the surface that already shows it. */
  open(conversationId: string): Promise<void> {
    return this.inOrder.run(() => this.show(conversationId));
  }

  private async show(conversationId: string): Promise<void> {
    if (!(await this.shown.open(conversationId))) return;
    this.postTargets();
    this.showConversation();
    this.shared.changed();
  }

  currentConversationId(): string {
    return this.shown.current.id;
  }

  /** The live conversation object (for ChatSessions, which edits it in place). */
  conversationNow(): Conversation {
    return this.shown.current;
  }

  shows(conversation: Conversation): boolean {
    return this.shown.current === conversation;
  }

  /** False when the file was already queued (it is not queued twice). */
  queueAttachment(attachment: StoredAttachment): boolean {
    return this.attachments.add(attachment) === 1;
  }

  hasQueuedFile(path: string): boolean {
    return this.attachments.holds(path);
  }

  removeAttachment(attachmentId: string): void {
    this.attachments.remove(attachmentId);
  }

  /** Empties the queued attachments and returns them, for a send made elsewhere (side by side). */
  takeAttachments(): StoredAttachment[] {
    return this.attachments.takeAll();
  }

  async saveDraft(text: string): Promise<void> {
    await this.memory.write({ draft: text });
  }

  /**
   * Hands everything to a new surface and starts over with an empty chat ("Open Chat in
   * Editor"); an answer streaming into the conversation follows it there.
   */
  handOver(): Promise<SessionStart> {
    return this.inOrder.run(() => this.handOverNow());
  }

  private async handOverNow(): Promise<SessionStart> {
    const start: SessionStart = {
      conversation: this.shown.current,
      attachments: this.attachments.takeAll(),
      targetKey: this.target.key(),
      draft: this.memory.read().draft ?? '',
    };
    await this.memory.write({ draft: '' });
    this.surface.post({ type: 'draft/set', text: '' });
    await this.startNewChat();
    return start;
  }

  /**
   * The answer streaming into this session's conversation, if any (not one running in another).
   * One the view already shows finished does not count while its last save is written: a send,
   * Stop or version switch the user makes then must act, not be dropped as "still streaming".
   */
  private openRequest(): RequestRun | undefined {
    const run = this.shared.answers.for(this.shown.current);
    return run?.answering ? run : undefined;
  }

  showConversation(): void {
    this.openRequest()?.showingWhole();
    this.surface.post({
      type: 'conversation/show',
      conversation: conversationView(this.shown.current),
      ...activeRequestView(this.openRequest()),
    });
    this.surface.retitle?.(this.shown.current.title);
  }

  postTargets(): void {
    this.surface.post({ type: 'targets/update', targets: this.targetsView() });
    this.reportStatus();
  }

  /** Tells the status bar this session's target and state (it shows only the focused one). */
  reportStatus(): void {
    this.shared.report(
      this,
      this.target.selected(),
      this.isStreaming() ? 'streaming' : this.connection,
    );
  }

  report(state: ConnectionState, detail?: string): void {
    this.connection = state === 'streaming' ? this.connection : state;
    this.shared.report(this, this.target.selected(), state, detail);
  }
}
