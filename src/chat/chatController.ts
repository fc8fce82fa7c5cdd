import { randomUUID } from 'node:crypto';
import type { ChatProvider } from '../providers/types';
import {
  PROTOCOL_VERSION,
  type ActiveRequest,
  type CredentialPresence,
  type HostToWebview,
  type TargetView,
  type ViewState,
} from '../shared/protocol';
import { PROVIDER_IDS, type ProviderId } from '../shared/providers';
import type { ConversationStore } from './conversationStore';
import type { Delivery } from './deltaCoalescer';
import { exportMarkdown } from './exportMarkdown';
import {
  newConversation,
  newExchange,
  titleFrom,
  type Conversation,
  type StoredAttachment,
  type StoredMessage,
} from './model';
import { answerCapChars } from './answerLimit';
import {
  allMessages,
  appendExchange,
  branchExchange,
  childrenIndex,
  questionOf,
  removeExchange,
  showPath,
  type Placement,
} from './branches';
import { transcriptOf, withTranscript } from './branchPreamble';
import { DeletedConversations } from './deletedConversations';
import { dispatch } from './dispatch';
import { RequestRun } from './requestRun';
import { Targets, parseTargetKey, type KeyValueStore } from './targets';
import { attachmentView, conversationView, messageInTree, messageView } from './views';

export interface ChatControllerDeps {
  store: ConversationStore;
  /** The provider for a kind, built lazily with the current settings and credentials. */
  provider(kind: ProviderId): ChatProvider;
  presence(): Promise<CredentialPresence>;
  workspaceState: KeyValueStore;
  streaming(): boolean;
  strings(): Record<string, string>;
  locale(): string;
  demoServerAvailable(): Promise<boolean>;
  /** Settles when the view has taken the message (VS Code's postMessage promise). */
  post(message: HostToWebview): Delivery;
  /** The selected target or the state of the last request changed (for the status bar). */
  status?(
    target: TargetView | undefined,
    state: 'connected' | 'streaming' | 'failed',
    detail?: string,
  ): void;
  log: { info(message: string): void; warn(message: string): void; error(message: string): void };
  /** twinChat.chat.maxAnswerSizeMB, read per request; the default cap when absent. */
  maxAnswerSizeMB?(): number;
  /** twinChat.attachments.maxSizeMB in bytes, checked again when a file is sent or re-sent. */
  attachmentMaxBytes?(): number;
}

/** Puts a new exchange into the conversation's tree: at the end of the path, or as a branch. */
type Place = (c: Conversation, user: StoredMessage, assistant: StoredMessage) => Placement;

const DRAFT_KEY = 'twinChat.draft';
const OPEN_CONVERSATION_KEY = 'twinChat.openConversation';
/** twinChat.attachments.maxSizeMB's default, for hosts (tests, benches) that do not pass one. */
const DEFAULT_ATTACHMENT_MAX_BYTES = 20 * 1024 * 1024;
/**
 * The source of truth for the chat view: the open conversation, the request streaming into it,
 * queued attachments, the draft and the target choice. The webview only mirrors this state.
 */
export class ChatController {
  private conversation: Conversation = newConversation(randomUUID(), Date.now());
  private active: RequestRun | undefined;
  private attachments: StoredAttachment[] = [];
  private readonly targets: Targets;
  private restored = false;
  private targetsRequested = false;
  private connection: 'connected' | 'failed' = 'connected';
  private readonly deleted = new DeletedConversations();

  constructor(private readonly deps: ChatControllerDeps) {
    this.targets = new Targets(deps.workspaceState);
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
    this.deps.post({ type: 'state/init', protocolVersion: PROTOCOL_VERSION, state: snapshot() });
  }

  /** Gathers what takes time; the returned function takes the snapshot, synchronously. */
  private async prepareViewState(): Promise<() => ViewState> {
    await this.restoreOpenConversation();
    const [credentials, conversations, demoServerAvailable] = await Promise.all([
      this.deps.presence(),
      this.deps.store.list(),
      this.deps.demoServerAvailable(),
    ]);
    return () => ({
      locale: this.deps.locale(),
      strings: this.deps.strings(),
      credentials,
      targets: this.targets.current,
      conversation: conversationView(this.conversation),
      conversations,
      attachments: this.attachments.map(attachmentView),
      draft: this.deps.workspaceState.get<string>(DRAFT_KEY) ?? '',
      ...this.activeRequestView(),
      demoServerAvailable,
    });
  }

  /**
   * After a restart, the conversation that was open comes back (with any cut-off answer marked
   * interrupted). Only once, and never over a conversation already in use in this session.
   */
  private async restoreOpenConversation(): Promise<void> {
    if (this.restored || this.conversation.messages.length > 0 || this.active) return;
    this.restored = true;
    const id = this.deps.workspaceState.get<string>(OPEN_CONVERSATION_KEY);
    const conversation = id ? await this.deps.store.load(id) : undefined;
    if (conversation) this.conversation = conversation;
  }

  /**
   * Lists twins and bots the first time the view needs them. A sidebar webview is rebuilt every
   * time it is shown, and that must not cost a network round trip each time.
   */
  async ensureTargets(): Promise<void> {
    if (!this.targetsRequested) await this.refreshTargets();
  }

  async refreshTargets(): Promise<void> {
    this.targetsRequested = true;
    this.targets.markLoading();
    this.postTargets();
    const presence = await this.deps.presence();
    const configured = PROVIDER_IDS.filter((kind) => presence[kind]).map((k) =>
      this.deps.provider(k),
    );
    await this.targets.refresh(configured);
    this.postTargets();
  }

  /** A key was set or removed: the view learns only presence, then the target list is refreshed. */
  async credentialsChanged(): Promise<void> {
    this.deps.post({ type: 'credentials/didChange', credentials: await this.deps.presence() });
    await this.refreshTargets();
  }

  async selectTarget(keyOrLabel: string): Promise<void> {
    const byLabel = this.targets.current.targets.find((t) => t.label === keyOrLabel);
    const key = byLabel?.key ?? keyOrLabel;
    if (!(await this.targets.select(key))) return;
    this.postTargets();
    const target = this.conversation.target;
    // A server-side conversation belongs to one twin or bot: another target means a new chat.
    if (target && `${target.provider}:${target.id}` !== key) await this.newChat();
  }

  async send(text: string, extra: StoredAttachment[] = []): Promise<void> {
    if (this.active) {
      this.deps.log.warn('A message was sent while an answer is still streaming; ignored');
      return;
    }
    const attachments = [...this.attachments.splice(0), ...extra];
    this.postAttachments();
    await this.deps.workspaceState.update(DRAFT_KEY, '');
    await this.start(text, attachments);
  }

  private async start(
    text: string,
    attachments: StoredAttachment[],
    place: Place = appendExchange,
  ): Promise<void> {
    const target = this.resolveTarget();
    const now = Date.now();
    const { user, assistant } = newExchange(text, attachments, now);
    const conversation = this.conversation;
    conversation.title ||= titleFrom(text) || attachments[0]?.name || '';
    const { thread, earlier } = place(conversation, user, assistant);
    const preamble = earlier && transcriptOf(earlier);
    if (preamble && user.branch) Object.assign(user.branch, preamble.counts);
    conversation.updatedAt = now;
    const run = new RequestRun(randomUUID(), conversation, assistant, {
      post: (m) => this.postIfOpen(conversation, m),
      checkpoint: (c) => this.checkpoint(c),
      toView: messageView,
      maxAnswerChars: answerCapChars(this.deps.maxAnswerSizeMB?.()),
      thread,
    });
    this.active = run;
    this.deps.post({
      type: 'chat/started',
      requestId: run.requestId,
      userMessage: messageInTree(conversation)(user),
      assistantMessage: messageView(assistant),
    });
    void this.checkpoint(conversation);
    await this.deps.workspaceState.update(OPEN_CONVERSATION_KEY, conversation.id);
    this.report('streaming');
    try {
      await dispatch(
        run,
        target,
        text,
        attachments,
        {
          provider: (kind) => this.deps.provider(kind),
          stream: this.deps.streaming(),
          attachmentMaxBytes: this.deps.attachmentMaxBytes?.() ?? DEFAULT_ATTACHMENT_MAX_BYTES,
        },
        preamble && ((question) => withTranscript(preamble, question)),
      );
    } finally {
      this.report(assistant.status === 'error' ? 'failed' : 'connected', assistant.error?.message);
      if (this.active === run) this.active = undefined;
      void this.postConversations();
    }
  }

  private resolveTarget() {
    if (this.conversation.target) return this.conversation.target;
    const selected = this.targets.selected();
    const parsed = selected && parseTargetKey(selected.key);
    return parsed && selected ? { ...parsed, label: selected.label } : undefined;
  }

  /** The provider the next message goes to, so attachments can be prepared the right way. */
  selectedProvider(): ProviderId | undefined {
    return this.resolveTarget()?.provider;
  }

  targetsView() {
    return this.targets.current;
  }

  cancel(requestId: string): void {
    if (this.active?.requestId === requestId) this.active.cancel();
  }

  /** Sends the user message before a failed, stopped or interrupted answer again, attachments included. */
  async retry(messageId: string): Promise<void> {
    if (this.active) return;
    const user = this.questionOnPath(messageId, 'assistant');
    if (!user) return;
    // A branch whose first answer failed keeps its branch start, so the retry still carries the
    // earlier turns to the new server conversation.
    const branch = removeExchange(this.conversation, user);
    this.deps.post({
      type: 'conversation/show',
      conversation: conversationView(this.conversation),
    });
    await this.start(user.text, user.attachments ?? [], (c, u, a) =>
      appendExchange(c, u, a, branch),
    );
  }

  /** Edit and resend: the question with new text becomes a new branch beside it. */
  async edit(messageId: string, text: string): Promise<void> {
    const from = this.questionOnPath(messageId, 'user');
    if (this.active || !from || text.trim() === '') return;
    await this.startBranch(from, text);
  }

  /** Regenerate: the answer's question asked again in a new branch; the old answer stays in its own. */
  async regenerate(messageId: string): Promise<void> {
    const from = this.questionOnPath(messageId, 'assistant');
    if (this.active || !from) return;
    await this.startBranch(from, from.text);
  }

  private async startBranch(from: StoredMessage, text: string): Promise<void> {
    const view = conversationView(this.conversation);
    const before = this.conversation.messages.indexOf(from);
    this.deps.post({
      type: 'conversation/show',
      conversation: { ...view, messages: view.messages.slice(0, before) },
    });
    await this.start(text, from.attachments ?? [], (c, u, a) => branchExchange(c, from, u, a));
  }

  /** The `< n / m >` switcher: shows another version of a message, and saves the choice. */
  async switchBranch(messageId: string): Promise<void> {
    if (this.openRequest() || !showPath(this.conversation, messageId)) return;
    this.showConversation();
    await this.checkpoint(this.conversation);
  }

  /** Removes one question and its answer from the local transcript; the server keeps its copy. */
  async deleteExchange(messageId: string): Promise<void> {
    const conversation = this.conversation;
    const user = questionOf(conversation, messageId);
    if (this.openRequest() || !user || !conversation.messages.includes(user)) return;
    removeExchange(conversation, user);
    // What was under the exchange, or its other versions, stays reachable on the path.
    const anchor =
      conversation.messages.at(-1) ?? childrenIndex(allMessages(conversation)).get('')?.at(-1);
    if (anchor) showPath(conversation, anchor.id);
    conversation.updatedAt = Date.now();
    this.showConversation();
    if (!this.deleted.has(conversation.id)) await this.deps.store.save(conversation);
    await this.postConversations();
  }

  /** A message of the visible path as Markdown (its text is Markdown), for Copy. */
  messageMarkdown(messageId: string): string | undefined {
    return this.conversation.messages.find((m) => m.id === messageId)?.text;
  }

  /** The visible path of the open conversation as Markdown, for Copy Conversation. */
  conversationMarkdown(): string | undefined {
    return this.conversation.messages.length > 0 ? exportMarkdown(this.conversation) : undefined;
  }

  /** The question of the exchange `messageId` (a message of `role`) belongs to, on the visible path. */
  private questionOnPath(messageId: string, role: 'user' | 'assistant'): StoredMessage | undefined {
    const messages = this.conversation.messages;
    if (!messages.some((m) => m.id === messageId && m.role === role)) return undefined;
    const user = questionOf(this.conversation, messageId);
    return user && messages.includes(user) ? user : undefined;
  }

  async newChat(): Promise<void> {
    this.conversation = newConversation(randomUUID(), Date.now());
    await this.deps.workspaceState.update(OPEN_CONVERSATION_KEY, undefined);
    this.showConversation();
  }

  async open(conversationId: string): Promise<void> {
    const conversation = await this.find(conversationId);
    if (!conversation) return;
    this.conversation = conversation;
    await this.deps.workspaceState.update(OPEN_CONVERSATION_KEY, conversation.id);
    if (conversation.target)
      await this.targets.select(`${conversation.target.provider}:${conversation.target.id}`);
    this.postTargets();
    this.showConversation();
  }

  async rename(conversationId: string, title: string): Promise<void> {
    const conversation = await this.find(conversationId);
    if (!conversation || !title.trim()) return;
    conversation.title = title.trim().slice(0, 200);
    await this.deps.store.save(conversation);
    if (conversation === this.conversation) this.showConversation();
    await this.postConversations();
  }

  /**
   * Deletes the file at once (the view may be gone before an Undo delay ends) and keeps the
   * conversation in memory for a short while, so that Undo can save it back.
   */
  async delete(conversationId: string): Promise<void> {
    this.deleted.add(conversationId, await this.find(conversationId));
    if (this.active?.conversation.id === conversationId) this.active.cancel();
    await this.deps.store.delete(conversationId);
    if (this.conversation.id === conversationId) await this.newChat();
    await this.postConversations();
  }

  /** Undo of the last delete, while it is recent; a restore of anything else is ignored. */
  async restore(conversationId: string): Promise<void> {
    const kept = this.deleted.takeForRestore(conversationId);
    if (!kept) return;
    await this.deps.store.save(kept);
    await this.postConversations();
  }

  async exportMarkdown(
    conversationId: string,
  ): Promise<{ title: string; markdown: string } | undefined> {
    const conversation = await this.find(conversationId);
    return conversation && { title: conversation.title, markdown: exportMarkdown(conversation) };
  }

  currentConversationId(): string {
    return this.conversation.id;
  }

  async search(query: string): Promise<void> {
    const hits = await this.deps.store.search(query);
    this.deps.post({ type: 'search/results', query, hits });
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
    await this.deps.workspaceState.update(DRAFT_KEY, text);
  }

  /**
   * Ends the request streaming now (if any) as interrupted and writes it to disk; on deactivate
   * (src/twinChat.ts). Asynchronous, so not a disposable: VS Code would not wait for it.
   */
  async shutdown(): Promise<void> {
    this.active?.interrupt();
    await this.checkpoint(this.active?.conversation ?? this.conversation);
  }

  /**
   * The live object for a conversation when there is one (open, or still streaming in the
   * background), so edits never go to a disk copy that the next checkpoint would overwrite.
   */
  private async find(conversationId: string): Promise<Conversation | undefined> {
    for (const live of [this.conversation, this.active?.conversation]) {
      if (live?.id === conversationId) return live;
    }
    return this.deps.store.load(conversationId);
  }

  /** The answer streaming into the open conversation, if any (not one running in another). */
  private openRequest(): RequestRun | undefined {
    return this.active?.conversation === this.conversation ? this.active : undefined;
  }

  private activeRequestView(): { activeRequest?: ActiveRequest } {
    const active = this.openRequest();
    return active
      ? { activeRequest: { requestId: active.requestId, assistantMessageId: active.assistant.id } }
      : {};
  }

  private postAttachments(): void {
    this.deps.post({
      type: 'attachments/update',
      attachments: this.attachments.map(attachmentView),
    });
  }

  private showConversation(): void {
    this.openRequest()?.showingWhole();
    this.deps.post({
      type: 'conversation/show',
      conversation: conversationView(this.conversation),
      ...this.activeRequestView(),
    });
  }

  private postTargets(): void {
    this.deps.post({ type: 'targets/update', targets: this.targets.current });
    this.deps.status?.(this.targets.selected(), this.connection);
  }

  private report(state: 'connected' | 'streaming' | 'failed', detail?: string): void {
    this.connection = state === 'streaming' ? this.connection : state;
    this.deps.status?.(this.targets.selected(), state, detail);
  }

  private postIfOpen(conversation: Conversation, message: HostToWebview): Delivery {
    return conversation === this.conversation ? this.deps.post(message) : undefined;
  }

  private async checkpoint(conversation: Conversation): Promise<void> {
    if (conversation.messages.length === 0 || this.deleted.has(conversation.id)) return;
    await this.deps.store
      .save(conversation)
      .catch((error: unknown) =>
        this.deps.log.error(`Could not save the conversation: ${String(error)}`),
      );
  }

  private async postConversations(): Promise<void> {
    this.deps.post({ type: 'conversations/update', conversations: await this.deps.store.list() });
  }
}
