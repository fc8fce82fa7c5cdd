import type MarkdownIt from 'markdown-it';
import type { ConversationView, MessageView } from '../../shared/protocol';
import type { Post } from '../actions';
import { h, textButton } from '../dom';
import { createMarkdown } from '../markdown/renderer';
import { ScrollFollower } from '../scroll';
import { t } from '../strings';
import { handleTranscriptClick, handleTranscriptKey } from './transcriptEvents';
import { MessageItem } from './messageItem';
import type { SwitchDirection } from './branchSwitcher';
import type { MessageControls } from './messageActions';

// Long histories are rendered lazily. Opening shows the newest PAGE_SIZE messages; older ones are
// rendered ahead of the reader, once they scroll within PREFETCH_SCREENS view heights of the top,
// a few at a time in the idle time between frames. Rendering a whole page of markdown in one go
// (what a scroll to the top used to trigger) took 50-150 ms, several dropped frames in the middle
// of a scroll; slices run inside animation frames still made busy frames miss their vsync. The
// button at the top renders a page at once, for keyboard and screen-reader users, and reveal()
// renders down to any message (a search hit).
const PAGE_SIZE = 50;
const PREFETCH_SCREENS = 2;
/** Stop a slice when less idle time than this is left: one message takes about 1 ms. */
const SLICE_RESERVE_MS = 2;
/** Render a slice even without idle time after this long, so a busy view still fills in. */
const IDLE_TIMEOUT_MS = 500;
/** Messages rendered above a revealed one, so it is not left at the very edge of what exists. */
const REVEAL_CONTEXT = 10;

export class Transcript {
  readonly element: HTMLElement;
  private readonly list: HTMLElement;
  private readonly loadEarlier: HTMLButtonElement;
  private readonly empty: HTMLElement;
  private readonly follower: ScrollFollower;
  private items = new Map<string, MessageItem>();
  private unrendered: MessageView[] = [];
  private backfillRequested = false;
  /** The open conversation's twin or bot, the name its answers are shown under. */
  private answerer: string | undefined;
  private readonly userMd = createMarkdown({ breaks: true });
  private readonly controls: MessageControls;
  /** The switcher button to focus when the host shows the version that was asked for. */
  private refocus: { messageId: string; direction: SwitchDirection } | undefined;

  constructor(
    private readonly md: MarkdownIt,
    private readonly post: Post,
    onLink: (url: string) => void,
    announce: (text: string) => void,
    /** Takes the focus that a rebuilt list dropped and no version switcher took back. */
    private readonly focusElsewhere: () => void,
  ) {
    this.loadEarlier = textButton(t('loadEarlier'), () => this.renderPage(), {
      icon: 'fold-up',
      secondary: true,
    });
    this.loadEarlier.classList.add('load-earlier');
    this.empty = h('p', { class: 'transcript-empty' }, t('emptyConversation'));
    this.list = h('div', { class: 'messages' });
    this.element = h(
      'section',
      { class: 'transcript', 'aria-label': t('transcript'), tabindex: '-1' },
      this.loadEarlier,
      this.empty,
      this.list,
    );
    this.follower = new ScrollFollower(this.element, this.list);
    const actions = { post, onLink, announce };
    this.controls = {
      post,
      announce,
      switched: (messageId, direction) => (this.refocus = { messageId, direction }),
    };
    this.element.addEventListener('click', (event) => handleTranscriptClick(event, actions));
    this.element.addEventListener('keydown', (event) => handleTranscriptKey(event, actions));
    this.element.addEventListener('scroll', () => this.requestBackfill(), { passive: true });
  }

  show(conversation: ConversationView): void {
    // The list is rebuilt, so a focused control in it (Remove, Regenerate, an edited question's
    // box) is gone, and the focus would fall to the page body, where a keyboard user starts over.
    const hadFocus = this.list.contains(document.activeElement);
    this.items = new Map();
    this.answerer = conversation.target?.label;
    this.list.replaceChildren();
    this.unrendered = conversation.messages.slice(0, -PAGE_SIZE);
    for (const message of conversation.messages.slice(-PAGE_SIZE))
      this.list.append(this.createItem(message).element);
    this.list.lastElementChild?.classList.add('latest');
    this.updateChrome();
    this.follower.toBottom();
    this.requestBackfill();
    this.focusSwitcher();
    if (hadFocus && !this.element.contains(document.activeElement)) this.focusElsewhere();
  }

  /** Names the answers added from now on, once the conversation has a twin or bot. */
  setAnswerer(label: string | undefined): void {
    if (label) this.answerer = label;
  }

  /** While an answer streams, Edit, Regenerate and Delete are hidden: the host would ignore them. */
  setBusy(busy: boolean): void {
    this.element.classList.toggle('busy', busy);
  }

  /** The key for editing the last question: opens its inline editor. */
  editLastQuestion(): boolean {
    const last = [...this.list.querySelectorAll('.message.user')].at(-1);
    const item = this.items.get(last?.getAttribute('data-message-id') ?? '');
    if (!item || this.element.classList.contains('busy')) return false;
    item.startEdit();
    return true;
  }

  private focusSwitcher(): void {
    const wanted = this.refocus;
    this.refocus = undefined;
    const switcher =
      wanted && this.items.get(wanted.messageId)?.element.querySelector('.branch-switcher');
    const buttons = [...(switcher?.querySelectorAll('button') ?? [])];
    const same = buttons.find((b) => b.classList.contains(wanted?.direction ?? '') && !b.disabled);
    (same ?? buttons.find((b) => !b.disabled))?.focus();
  }

  add(message: MessageView): MessageItem {
    const item = this.createItem(message);
    this.list.lastElementChild?.classList.remove('latest');
    item.element.classList.add('latest');
    this.list.append(item.element);
    this.updateChrome();
    this.follower.toBottom();
    return item;
  }

  hasMessages(): boolean {
    return this.items.size > 0;
  }

  item(id: string): MessageItem | undefined {
    return this.items.get(id);
  }

  /** Renders older messages down to `id` (and a few before it), shows it and focuses it. */
  reveal(id: string): boolean {
    if (!this.items.has(id) && !this.unrendered.some((m) => m.id === id)) return false;
    let context = REVEAL_CONTEXT;
    this.renderOlder(() => !this.items.has(id) || context-- > 0);
    const element = this.items.get(id)?.element;
    if (!element) return false;
    this.follower.release();
    element.setAttribute('tabindex', '-1');
    element.classList.add('revealed');
    element.addEventListener('blur', () => element.classList.remove('revealed'), { once: true });
    element.scrollIntoView({ block: 'center' });
    element.focus({ preventScroll: true });
    return true;
  }

  private createItem(message: MessageView, lazyControls = false): MessageItem {
    const item = new MessageItem(message, this.md, this.post, {
      answerer: this.answerer,
      userMarkdown: this.userMd,
      controls: this.controls,
      lazyControls,
    });
    this.items.set(message.id, item);
    return item;
  }

  private renderPage(): void {
    let count = 0;
    this.renderOlder(() => count++ < PAGE_SIZE);
  }

  /** Renders the newest unrendered messages while `more()` says so, above what is shown. */
  private renderOlder(more: () => boolean, lazyControls = false): void {
    const elements: HTMLElement[] = [];
    while (this.unrendered.length > 0 && more()) {
      const message = this.unrendered.pop();
      if (message) elements.push(this.createItem(message, lazyControls).element);
    }
    if (elements.length === 0) return;
    const buttonHadFocus = document.activeElement === this.loadEarlier;
    this.follower.preserveWhileInsertingAbove(() => {
      this.list.prepend(...elements.reverse());
      this.updateChrome();
    });
    if (buttonHadFocus && this.loadEarlier.hidden) this.focusFirstMessage();
    this.requestBackfill();
  }

  /**
   * Show earlier messages goes once the oldest message is rendered (by the button, or ahead of a
   * reader who Tabbed to it, which scrolled to the top), and the focus it held would fall to the
   * page body: it goes to what took the button's place, the conversation's first message.
   */
  private focusFirstMessage(): void {
    const first = this.list.firstElementChild;
    if (!(first instanceof HTMLElement)) return;
    first.setAttribute('tabindex', '-1');
    first.focus();
  }

  /** When the main thread is next idle: if the reader is near the top, render older messages. */
  private requestBackfill(): void {
    if (this.backfillRequested || this.unrendered.length === 0) return;
    this.backfillRequested = true;
    requestIdleCallback(
      (deadline) => {
        this.backfillRequested = false;
        const { scrollTop, clientHeight } = this.element;
        if (clientHeight === 0 || scrollTop > clientHeight * PREFETCH_SCREENS) return;
        let first = true;
        // At least one message per slice, so a view that is never idle still fills in. Their
        // controls come when the pointer or focus does (MessageItemOptions.lazyControls).
        this.renderOlder(() => {
          const go = first || deadline.timeRemaining() > SLICE_RESERVE_MS;
          first = false;
          return go;
        }, true);
      },
      { timeout: IDLE_TIMEOUT_MS },
    );
  }

  private updateChrome(): void {
    this.loadEarlier.hidden = this.unrendered.length === 0;
    this.empty.hidden = this.items.size > 0;
  }
}
