import {
  assertNever,
  type ActiveRequest,
  type ConversationView,
  type HostToWebview,
  type MessageView,
  type SearchHit,
  type ViewState,
} from '../shared/protocol';
import type { Post } from './actions';
import { h } from './dom';
import { DraftKeeper } from './draft';
import type { HostBridge } from './hostBridge';
import { revealInvisible } from './markdown/invisible';
import { createMarkdown } from './markdown/renderer';
import type { SavedStateStore } from './savedState';
import { setStrings, t } from './strings';
import { Announcer } from './views/announcer';
import { ChatNotice } from './views/chatNotice';
import { Composer } from './views/composer';
import { installDropZone } from './views/dropZone';
import { setFormatLocale } from './views/format';
import { Header } from './views/header';
import { HistoryPanel } from './views/historyPanel';
import { Transcript } from './views/transcript';
import { needsWelcome, renderWelcome } from './views/welcome';

/** Every message from the host but the one that builds the view. */
export type HostUpdate = Exclude<HostToWebview, { type: 'state/init' }>;

/**
 * The whole view, built from one ViewState. The host is the source of truth: a state/init rebuilds
 * everything (strings and locale may have changed), the other messages update single parts.
 */
export class App {
  private readonly header: Header;
  private readonly history: HistoryPanel;
  private readonly transcript: Transcript;
  private readonly composer: Composer;
  private readonly announcer = new Announcer();
  private readonly linkStatus = h('p', { class: 'link-status', role: 'status' });
  private readonly welcomeSlot = h('div', { class: 'welcome-slot' });
  private readonly notice = new ChatNotice();
  private active: ActiveRequest | undefined;
  /**
   * A search hit in another conversation: shown when the host's answer to the open brings that
   * conversation; forgotten when the panel opens again (the reader went on to something else).
   */
  private pendingHit: SearchHit | undefined;

  constructor(
    root: HTMLElement,
    private readonly state: ViewState,
    private readonly post: Post,
    bridge: HostBridge,
    saved: SavedStateStore,
  ) {
    document.documentElement.lang = state.locale;
    setStrings(state.strings);
    setFormatLocale(state.locale);
    const draft = new DraftKeeper(bridge, saved);
    this.header = new Header(
      post,
      () => this.toggleHistory(),
      () => this.composer.focus(),
      (text) => this.announcer.announce(text),
    );
    this.history = new HistoryPanel(
      post,
      () => this.closeHistory(true),
      (hit) => this.openHit(hit),
      (text) => this.announcer.announce(text),
    );
    this.transcript = new Transcript(
      createMarkdown(),
      post,
      (url) => this.showLink(url),
      (text) => this.announcer.announce(text),
      () => this.composer.focus(),
    );
    this.composer = new Composer(post, draft, saved);
    this.composer.onEditLast = () => this.transcript.editLastQuestion();
    this.linkStatus.hidden = true;
    root.replaceChildren(
      this.header.element,
      this.history.element,
      this.welcomeSlot,
      this.notice.element,
      this.transcript.element,
      this.linkStatus,
      this.composer.element,
      this.announcer.element,
    );
    installDropZone(root, post, (text) => this.composer.notice(text));
    this.applyState(state, draft);
  }

  private applyState(state: ViewState, draft: DraftKeeper): void {
    this.header.picker.update(state.targets);
    this.history.setTargets(state.targets);
    this.history.setConversations(state.conversations);
    this.composer.setAttachments(state.attachments);
    this.composer.setDraft(draft.initial(state.draft));
    this.showConversation(state.conversation, state.activeRequest);
    this.updateWelcome();
  }

  /** Applies one host message to the part of the view it concerns. */
  receive(message: HostUpdate): void {
    switch (message.type) {
      case 'conversation/show':
        this.showConversation(message.conversation, message.activeRequest);
        return;
      case 'conversations/update':
        this.state.conversations = message.conversations;
        this.history.setConversations(message.conversations);
        return;
      case 'targets/update':
        this.state.targets = message.targets;
        this.header.picker.update(message.targets);
        this.history.setTargets(message.targets);
        return;
      case 'credentials/didChange':
        this.state.credentials = message.credentials;
        this.updateWelcome();
        return;
      case 'attachments/update':
        this.state.attachments = message.attachments;
        this.composer.setAttachments(message.attachments);
        this.showUnderWelcome();
        return;
      case 'draft/set':
        this.composer.setDraftFromHost(message.text);
        this.showUnderWelcome();
        return;
      case 'chat/started':
        this.transcript.setAnswerer(message.answerer);
        this.started(message.requestId, message.userMessage, message.assistantMessage);
        return;
      case 'chat/progress':
        this.streamingItem(message.requestId)?.setProgress(message.message);
        return;
      case 'chat/delta':
        this.streamingItem(message.requestId)?.appendDelta(message.text);
        return;
      case 'chat/done':
      case 'chat/error':
        this.finished(message.requestId, message.message);
        return;
      case 'search/results':
        this.history.showResults(message.query, message.hits, message.catchingUp === true, message);
        return;
      case 'mention/results':
        this.composer.mentionResults(message.query, message.files);
        return;
      case 'input/focus':
        // Only while the view has the focus: a page that finished loading after the user moved
        // on to an editor must not pull the cursor back.
        if (document.hasFocus()) this.composer.focus();
        return;
      case 'notice/newChatForTarget':
        this.notice.show(t('newChatForTarget', revealInvisible(message.targetLabel)));
        return;
      case 'serverConversations/page': {
        const { twinKey, page, conversations, hasMore } = message;
        this.history.showServerPage(twinKey, page, conversations, hasMore);
        return;
      }
      case 'serverConversations/error':
        // Opening failed after the panel closed: reopen it where the sentence is.
        if (message.page === 0 && this.history.element.hidden) this.openHistory();
        if (message.page === 0) this.history.showServer(true);
        this.history.showServerError(message.twinKey, message.page, message.message);
        return;
      case 'serverConversations/opened':
        this.history.showServerOpened(message.twinKey, message.remoteId);
        return;
      default:
        assertNever(message);
    }
  }

  private showConversation(
    conversation: ConversationView,
    active: ActiveRequest | undefined,
  ): void {
    this.state.conversation = conversation;
    this.notice.clear();
    this.transcript.show(conversation);
    this.header.picker.setErrorInChat(conversation.messages.at(-1)?.error?.message);
    this.setActive(active);
    this.showUnderWelcome();
    this.linkStatus.hidden = true;
    const hit = this.pendingHit;
    this.pendingHit = undefined;
    if (hit?.conversationId === conversation.id) this.transcript.reveal(hit.messageId);
  }

  /**
   * The host answers no `conversation/open` for the conversation shown here, so its hits are
   * revealed at once (true: nothing to ask); a remembered one would jump in at some later show.
   */
  private openHit(hit: SearchHit): boolean {
    this.pendingHit = undefined;
    if (hit.conversationId === this.state.conversation.id) {
      this.transcript.reveal(hit.messageId);
      return true;
    }
    this.pendingHit = hit;
    return false;
  }

  private started(requestId: string, user: MessageView, assistant: MessageView): void {
    this.notice.clear();
    this.transcript.add(user);
    this.transcript.add(assistant);
    this.showUnderWelcome();
    this.header.picker.setErrorInChat(undefined);
    this.setActive({ requestId, assistantMessageId: assistant.id });
  }

  /** The item the request streams into, or undefined for a request this view does not show. */
  private streamingItem(requestId: string): ReturnType<Transcript['item']> {
    if (this.active?.requestId !== requestId) return undefined;
    return this.transcript.item(this.active.assistantMessageId);
  }

  private finished(requestId: string, message: MessageView): void {
    const item = this.transcript.item(message.id);
    if (item) item.replace(message);
    else this.transcript.add(message);
    if (this.active?.requestId === requestId) {
      this.setActive(undefined);
      this.header.picker.setErrorInChat(message.error?.message);
    }
    this.announcer.announce(announcement(message));
  }

  private updateWelcome(): void {
    const welcome = needsWelcome(this.state.credentials);
    this.welcomeSlot.replaceChildren(
      ...(welcome ? [renderWelcome(this.post, this.state.demoServerAvailable)] : []),
    );
    this.welcomeSlot.hidden = !welcome;
    this.header.picker.element.hidden = welcome;
    this.showUnderWelcome();
  }

  /**
   * Without a key the welcome leads, but what the user has is not hidden under it: a saved
   * conversation stays readable (after Clear Credentials, or opened from the history) and can
   * be continued (sending then says a key is needed), and files attached or text put in the box
   * by a command stay in sight. Only a first run, with none of these, shows the welcome alone.
   */
  private showUnderWelcome(): void {
    const welcome = needsWelcome(this.state.credentials);
    const messages = this.transcript.hasMessages();
    const inBox = this.state.attachments.length > 0 || this.composer.hasText();
    this.transcript.element.hidden = welcome && !messages;
    this.composer.element.hidden = welcome && !messages && !inBox;
  }

  onEscape(): void {
    if (!this.history.element.hidden) this.closeHistory(true);
    else this.linkStatus.hidden = true;
  }

  private setActive(active: ActiveRequest | undefined): void {
    this.active = active;
    this.state.activeRequest = active;
    this.composer.setActive(active);
    this.transcript.setBusy(active !== undefined);
  }

  private showLink(url: string): void {
    this.linkStatus.textContent = t('linkStatus', url);
    this.linkStatus.hidden = false;
  }

  private toggleHistory(): void {
    if (this.history.element.hidden) this.openHistory();
    else this.closeHistory(true);
  }

  private openHistory(): void {
    this.pendingHit = undefined;
    this.history.element.hidden = false;
    this.header.setHistoryOpen(true);
    this.history.focusSearch();
  }

  private closeHistory(returnFocus: boolean): void {
    this.history.element.hidden = true;
    this.header.setHistoryOpen(false);
    if (returnFocus) this.header.historyToggle.focus();
  }
}

function announcement(message: MessageView): string {
  switch (message.status) {
    case 'error':
      return t('answerFailed', message.error?.message ?? '');
    case 'stopped':
      return t('answerStopped');
    default:
      return t('answerFinished');
  }
}
