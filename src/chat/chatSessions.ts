import type { ChatProvider } from '../providers/types';
import type { TwinExpertServer } from '../providers/twinExpertServer';
import type {
  ConversationSummary,
  CredentialPresence,
  HostToWebview,
  TargetView,
} from '../shared/protocol';
import { PROVIDER_IDS, type ProviderId } from '../shared/providers';
import { Answers } from './answers';
import { ChatSession } from './chatSession';
import type { ChatSurface, SessionStart } from './chatSurface';
import type { ConversationStore } from './conversationStore';
import type { Delivery } from './deltaCoalescer';
import { DeletedConversations } from './deletedConversations';
import { exportMarkdown } from './exportMarkdown';
import type { Conversation } from './model';
import type { SessionMemory } from './sessionMemory';
import { Targets, type KeyValueStore } from './targets';
import { Gathered } from './gathered';
import { noTargetError } from './noTarget';
import type { Timer } from './timer';

/**
 * How long the history list's announcements are gathered: answers that start or end together
 * (side by side, several tabs) land within it, and the list showing a change this much later is
 * not something a reader sees.
 */
const HISTORY_GATHER_MS = 100;

export type ConnectionState = 'connected' | 'streaming' | 'failed';

export interface ChatSessionsDeps {
  store: ConversationStore;
  /** The provider for a kind, built lazily with the current settings and credentials. */
  provider(kind: ProviderId): ChatProvider;
  /** TwinExpert's server-side conversations, for the history panel's "On TwinExpert" section. */
  twinExpertServer?(): TwinExpertServer;
  presence(): Promise<CredentialPresence>;
  workspaceState: KeyValueStore;
  streaming(): boolean;
  strings(): Record<string, string>;
  locale(): string;
  demoServerAvailable(): Promise<boolean>;
  /** The focused chat's target or the state of its last request changed (for the status bar). */
  status?(target: TargetView | undefined, state: ConnectionState, detail?: string): void;
  log: { info(message: string): void; warn(message: string): void; error(message: string): void };
  /** twinChat.chat.maxAnswerSizeMB, read per request; the default cap when absent. */
  maxAnswerSizeMB?(): number;
  /** twinChat.attachments.maxSizeMB in bytes, checked again when a file is sent or re-sent. */
  attachmentMaxBytes?(): number;
  /** When the gathered history announcements run (src/chat/gathered.ts); tests step it. */
  historyTimer?: Timer;
}

/**
 * What every chat surface shares: the conversation store, the target list, the providers and
 * the bookkeeping of deleted conversations. Knows each session (the sidebar's and every editor
 * tab's), which one the user used last, which conversation each shows and which answers are
 * streaming. An answer belongs to its conversation, not to a surface: it keeps streaming (and
 * being saved) when its tab closes, and shows wherever its conversation is opened next.
 */
export class ChatSessions {
  readonly targets: Targets;
  readonly deleted = new DeletedConversations();
  private readonly sessions: ChatSession[] = [];
  readonly answers: Answers;
  private lastActive: ChatSession | undefined;
  /** The latest listing of twins and bots, once one was asked for. */
  private listing: Promise<void> | undefined;
  private stopping: Promise<void> | undefined;
  private readonly historyChanges: Gathered;

  constructor(readonly deps: ChatSessionsDeps) {
    this.targets = new Targets(deps.workspaceState);
    this.historyChanges = new Gathered(
      () => void this.postConversations(),
      HISTORY_GATHER_MS,
      deps.historyTimer,
    );
    this.answers = new Answers(deps, {
      post: (conversation, message) => this.postTo(conversation, message),
      checkpoint: (conversation) => this.checkpoint(conversation),
      changed: () => this.changed(),
      ended: (conversation, state, detail) => {
        // The conversation may have moved to another surface meanwhile ("Open Chat in Editor"),
        // and a next answer may have started while this one's last save was written.
        const session = this.showing(conversation.id);
        if (!session?.isStreaming()) session?.report(state, detail);
        this.changed();
      },
      noTarget: async () => noTargetError(await deps.presence(), this.targets.listedNone()),
    });
  }

  /** A new session shown by `surface`, remembering itself in `memory`. */
  open(surface: ChatSurface, memory: SessionMemory, start?: SessionStart): ChatSession {
    const session = new ChatSession(this, surface, memory, start);
    this.sessions.push(session);
    this.changed();
    return session;
  }

  /**
   * The surface is gone; an answer streaming into its conversation goes on and is saved. When it
   * was the chat commands act on, the status bar follows the one they act on now: that answer's
   * end reports to no one, so the status bar would otherwise keep the closed chat's "streaming"
   * or warning for good.
   */
  close(session: ChatSession): void {
    const at = this.sessions.indexOf(session);
    if (at < 0) return;
    const wasActive = session === this.active();
    this.sessions.splice(at, 1);
    if (this.lastActive === session) this.lastActive = undefined;
    const freed = session.currentConversationId();
    for (const other of this.sessions) void other.takeOverFromClosed(freed);
    if (wasActive) this.active()?.reportStatus();
    this.changed();
  }

  /** The user is working in `session`: commands act on it and the status bar follows it. */
  focus(session: ChatSession): void {
    if (this.lastActive === session || !this.sessions.includes(session)) return;
    this.lastActive = session;
    session.reportStatus();
  }

  /** The focused or last-used chat, else the first opened (the sidebar's). */
  active(): ChatSession | undefined {
    return this.lastActive ?? this.sessions[0];
  }

  /** The session showing a conversation; a conversation is shown in one place at most. */
  showing(conversationId: string): ChatSession | undefined {
    return this.sessions.find((s) => s.currentConversationId() === conversationId);
  }

  openConversationIds(): string[] {
    return this.sessions.map((s) => s.currentConversationId());
  }

  streamingConversationIds(): string[] {
    return this.answers.conversationIds();
  }

  all(): readonly ChatSession[] {
    return this.sessions;
  }

  /** A run's messages go to whichever surface shows its conversation now, if any. */
  postTo(conversation: Conversation, message: HostToWebview): Delivery {
    const session = this.sessions.find((s) => s.shows(conversation));
    return session?.surface.post(message);
  }

  report(
    session: ChatSession,
    target: TargetView | undefined,
    state: ConnectionState,
    detail?: string,
  ): void {
    if (session === this.active()) this.deps.status?.(target, state, detail);
  }

  /**
   * Lists twins and bots the first time a view needs them. A sidebar webview is rebuilt every
   * time it is shown, and that must not cost a network round trip each time. Resolves when the
   * latest listing has finished, one still running included (a message waits for it).
   */
  ensureTargets(): Promise<void> {
    return this.listing ?? this.refreshTargets();
  }

  refreshTargets(): Promise<void> {
    const run = this.listTargets();
    // Its caller hears of a failure; a later view or message only waits for it to end.
    this.listing = run.catch(() => undefined);
    return run;
  }

  private async listTargets(): Promise<void> {
    this.targets.markLoading();
    this.postTargets();
    const presence = await this.deps.presence();
    const configured = PROVIDER_IDS.filter((kind) => presence[kind]).map((k) =>
      this.deps.provider(k),
    );
    await this.targets.refresh(configured);
    this.postTargets();
  }

  /** A key was set or removed: views learn only presence, then the target list is refreshed. */
  async credentialsChanged(): Promise<void> {
    for (const session of this.sessions) session.credentialsChanged();
    this.broadcast({ type: 'credentials/didChange', credentials: await this.deps.presence() });
    await this.refreshTargets();
  }

  /**
   * The workspace's choice of twin or bot changed outside these views (@twin's /use): the
   * sidebar, whose choice it is, and the status bar show it now rather than at the next refresh.
   * Tabs keep their own choice (sessionTarget.ts).
   */
  workspaceTargetChanged(): void {
    this.postTargets();
  }

  /** Test Connection found `provider`'s credentials accepted: warnings about it are over. */
  connectionVerified(provider: ProviderId): void {
    for (const session of this.sessions) session.connectionVerified(provider);
  }

  async rename(conversationId: string, title: string): Promise<void> {
    const conversation = await this.find(conversationId);
    if (!conversation || !title.trim()) return;
    conversation.title = title.trim().slice(0, 200);
    await this.deps.store.save(conversation);
    this.showing(conversationId)?.showConversation();
    await this.postConversations();
  }

  /**
   * Deletes the file at once (the view may be gone before an Undo delay ends) and keeps the
   * conversation in memory for a short while, so that Undo can save it back.
   */
  async delete(conversationId: string): Promise<void> {
    this.deleted.add(conversationId, await this.find(conversationId));
    this.answers.byConversationId(conversationId)?.cancel();
    await this.deps.store.delete(conversationId);
    await this.showing(conversationId)?.newChat();
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
    // A new chat has no file yet and nothing to read: a document of one heading helps no one.
    if (!conversation?.messages.length) return undefined;
    return { title: conversation.title, markdown: exportMarkdown(conversation) };
  }

  /**
   * The live object for a conversation when there is one (shown, or still streaming in the
   * background), so edits never go to a disk copy that the next checkpoint would overwrite.
   */
  async find(conversationId: string): Promise<Conversation | undefined> {
    return this.liveCopy(conversationId) ?? this.deps.store.load(conversationId);
  }

  /** The conversation's object in memory, if a chat shows it or an answer streams into it. */
  liveCopy(conversationId: string): Conversation | undefined {
    return (
      this.showing(conversationId)?.conversationNow() ??
      this.answers.byConversationId(conversationId)?.conversation
    );
  }

  async checkpoint(conversation: Conversation): Promise<void> {
    if (conversation.messages.length === 0 || this.deleted.has(conversation.id)) return;
    await this.deps.store
      .save(conversation)
      .catch((error: unknown) =>
        this.deps.log.error(`Could not save the conversation: ${String(error)}`),
      );
  }

  async postConversations(): Promise<void> {
    this.broadcast({ type: 'conversations/update', conversations: await this.listConversations() });
  }

  /** The history list, each row marked when a surface shows it or an answer streams into it. */
  async listConversations(): Promise<ConversationSummary[]> {
    const list = await this.deps.store.list();
    const open = new Set(this.openConversationIds());
    const streaming = new Set(this.streamingConversationIds());
    return list.map((summary) => ({
      ...summary,
      ...(open.has(summary.id) && { open: true }),
      ...(streaming.has(summary.id) && { streaming: true }),
    }));
  }

  /** Which conversations are shown or streaming changed: every history list follows, soon. */
  changed(): void {
    this.historyChanges.request();
  }

  /**
   * Ends every answer streaming now as interrupted and writes all to disk; on deactivate
   * (src/twinChat.ts). Asynchronous, so not a disposable: VS Code would not wait for it.
   */
  shutdown(): Promise<void> {
    return (this.stopping ??= this.stop());
  }

  private async stop(): Promise<void> {
    // Nothing is announced to the views once the window goes, not even the interrupted answers.
    this.historyChanges.dispose();
    const runs = this.answers.all();
    for (const run of runs) run.interrupt();
    const conversations = new Set([
      ...runs.map((r) => r.conversation),
      ...this.sessions.map((s) => s.conversationNow()),
    ]);
    await Promise.all([...conversations].map((c) => this.checkpoint(c)));
    await this.deps.store.flush();
  }

  private postTargets(): void {
    for (const session of this.sessions) session.postTargets();
  }

  private broadcast(message: HostToWebview): void {
    for (const session of this.sessions) void session.surface.post(message);
  }
}
