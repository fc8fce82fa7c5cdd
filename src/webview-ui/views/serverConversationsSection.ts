import {
  MAX_SERVER_CONVERSATION_PAGES,
  type ServerConversationView,
  type TargetsView,
} from '../../shared/protocol';
import type { Post } from '../actions';
import { describeBy, h } from '../dom';
import { revealInvisible } from '../markdown/invisible';
import { t } from '../strings';
import { fullTime } from './format';

/** The selected target's key when it is a TwinExpert twin; the section is for twins only. */
function selectedTwin(view: TargetsView): { key: string; label: string } | undefined {
  const target = view.targets.find((x) => x.key === view.selectedKey);
  return target?.provider === 'twinexpert' ? { key: target.key, label: target.label } : undefined;
}

/** The server's time as the reader's locale writes it; the server's own text if it is no date. */
function serverTime(iso: string | undefined): string {
  if (!iso) return '';
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? iso : fullTime(ms);
}

/**
 * The history panel's "On TwinExpert" list: the selected twin's conversations kept on TwinExpert's
 * server, asked from the host a page at a time when the end of the list comes into view (or the
 * reader presses Load more), until the server says there are no more. Titles are the server's
 * untrusted text, so they are only ever set as text.
 */
export class ServerConversationsSection {
  readonly element: HTMLElement;
  private readonly list: HTMLElement;
  private readonly status: HTMLElement;
  private readonly retry: HTMLButtonElement;
  private readonly more: HTMLButtonElement;
  private readonly observer: IntersectionObserver;
  private twin: { key: string; label: string } | undefined;
  private rows: ServerConversationView[] = [];
  /** The next page to ask for; past the last page once `hasMore` is false. */
  private nextPage = 1;
  private hasMore = true;
  /**
   * Whether the end coming into view asks for the next page by itself: only while the last page
   * added rows. A page that adds none (the server ignored the twin and every row was filtered out)
   * leaves the end in view, and asking again at once would spend the key's hourly quota on up to
   * 500 empty pages; then the reader's click on Load more asks for the next.
   */
  private autoPage = true;
  private loading = false;
  private failedPage: number | undefined;
  /** The last failure's sentence, shown until the reader tries again. */
  private error: string | undefined;
  private active = false;

  constructor(
    private readonly post: Post,
    private readonly onOpen: () => void,
    /** Takes the focus when nothing in the section can: no row left to give it to. */
    private readonly focusElsewhere: () => void,
  ) {
    this.list = h('ul', { class: 'conversation-list server-conversation-list' });
    this.status = h('p', { class: 'server-conversations-status', role: 'status' });
    this.retry = h('button', { type: 'button', class: 'text-button secondary' }, t('retry'));
    this.retry.addEventListener('click', () => this.requestPage(this.failedPage ?? this.nextPage));
    this.more = h('button', { type: 'button', class: 'list-more' }, t('loadMoreFromTwinExpert'));
    this.more.addEventListener('click', () => this.requestNext());
    this.element = h(
      'div',
      { class: 'server-conversations' },
      this.list,
      h('div', { class: 'server-conversations-notice' }, this.status, this.retry),
      this.more,
    );
    this.element.hidden = true;
    // The Load more button is also the end of the list: once it scrolls into view, the next page.
    this.observer = new IntersectionObserver((entries) => {
      if (this.autoPage && entries.some((entry) => entry.isIntersecting)) this.requestNext();
    });
    this.observer.observe(this.more);
    this.render();
  }

  get isActive(): boolean {
    return this.active;
  }

  /** Whether a TwinExpert twin is selected, so that the section is offered at all. */
  get available(): boolean {
    return this.twin !== undefined;
  }

  /** The selected target changed (or not): another twin's list starts again from page 1. */
  setTargets(view: TargetsView): void {
    const twin = selectedTwin(view);
    if (twin?.key === this.twin?.key) return;
    this.twin = twin;
    this.rows = [];
    this.nextPage = 1;
    this.hasMore = true;
    this.autoPage = true;
    this.loading = false;
    this.failedPage = undefined;
    this.error = undefined;
    this.render();
    if (this.active) this.requestNext();
  }

  /** Shown or hidden by the panel's filter; the first page is asked for when first shown. */
  setActive(active: boolean): void {
    this.active = active;
    this.element.hidden = !active;
    if (active && this.rows.length === 0) this.requestNext();
  }

  showPage(twinKey: string, page: number, rows: ServerConversationView[], hasMore: boolean): void {
    if (twinKey !== this.twin?.key || page !== this.nextPage) return; // an older or other answer
    this.rows.push(...rows);
    this.nextPage = page + 1;
    this.hasMore = hasMore && this.nextPage <= MAX_SERVER_CONVERSATION_PAGES;
    this.autoPage = rows.length > 0;
    this.loading = false;
    this.failedPage = undefined;
    this.render();
  }

  showError(twinKey: string, page: number, message: string): void {
    if (twinKey !== this.twin?.key) return;
    if (page === this.nextPage) this.loading = false;
    this.failedPage = page === this.nextPage ? page : undefined;
    this.error = message;
    this.render();
  }

  /** The host opened `remoteId`: it is a local conversation now, and a second click shows it. */
  showOpened(twinKey: string, remoteId: string): void {
    if (twinKey !== this.twin?.key) return;
    const row = this.rows.find((conversation) => conversation.id === remoteId);
    if (!row || row.linked) return;
    row.linked = true;
    this.render();
  }

  private requestNext(): void {
    if (!this.active || !this.hasMore || this.loading || this.failedPage !== undefined) return;
    this.requestPage(this.nextPage);
  }

  private requestPage(page: number): void {
    if (!this.twin || page !== this.nextPage) return;
    this.loading = true;
    this.failedPage = undefined;
    this.error = undefined;
    this.render();
    this.post({ type: 'serverConversations/list', twinKey: this.twin.key, page });
  }

  private render(): void {
    const kept = this.focusWithin();
    const error = this.error;
    this.list.setAttribute('aria-label', t('conversationsOnTwinExpert', this.twin?.label ?? ''));
    const rows = this.rows.map((row) => this.row(row));
    const empty = !this.hasMore && !this.loading && rows.length === 0;
    this.list.replaceChildren(
      ...rows,
      ...(empty ? [h('li', { class: 'empty' }, t('noServerConversations'))] : []),
    );
    const text =
      error !== undefined ? revealInvisible(error) : this.loading ? t('loadingFromTwinExpert') : '';
    this.status.textContent = text;
    this.status.classList.toggle('error', error !== undefined);
    this.status.hidden = text === '';
    this.retry.hidden = this.failedPage === undefined;
    this.more.hidden = !this.hasMore || this.loading || this.failedPage !== undefined;
    // A page that leaves the end in view asks for the next: observing again reports it anew.
    if (!this.more.hidden && this.autoPage) {
      this.observer.unobserve(this.more);
      this.observer.observe(this.more);
    }
    if (kept) this.restoreFocus(kept);
  }

  /** The row (by server id) or the button that has the focus, if it is in the section. */
  private focusWithin(): { row: string } | { button: HTMLElement } | undefined {
    const active = document.activeElement;
    if (!(active instanceof HTMLElement) || !this.element.contains(active)) return undefined;
    const row = active.closest<HTMLElement>('.server-conversation')?.dataset.serverId;
    return row === undefined ? { button: active } : { row };
  }

  /**
   * Every render rebuilds the rows, and asking for a page hides Load more (or Retry): the focus
   * fell to the page body. A keyboard user Tabbing down the list met it at the end, where Load
   * more comes into view and asks for the next page. The same row gets the focus back; from a
   * hidden button it goes to the last row, where the new rows will follow.
   */
  private restoreFocus(kept: { row: string } | { button: HTMLElement }): void {
    if ('button' in kept && !kept.button.hidden) return;
    const selector =
      'row' in kept
        ? `[data-server-id="${CSS.escape(kept.row)}"] .conversation-open`
        : '.server-conversation:last-child .conversation-open';
    const target = this.list.querySelector<HTMLElement>(selector);
    if (target) target.focus();
    else this.focusElsewhere();
  }

  private row(conversation: ServerConversationView): HTMLElement {
    const title = revealInvisible(conversation.title ?? '') || t('untitled');
    const time = h('span', { class: 'conversation-meta' }, serverTime(conversation.updatedAt));
    const linked = conversation.linked
      ? h('span', { class: 'conversation-state' }, t('linkedLocally'))
      : null;
    const open = h(
      'button',
      { type: 'button', class: 'conversation-open', 'aria-label': t('openConversation', title) },
      h('span', { class: 'conversation-title' }, title),
      time,
      linked,
    );
    describeBy(open, time, linked);
    open.addEventListener('click', () => {
      if (!this.twin) return;
      // The host opens only a row it listed, under the title it listed: no title goes with it.
      this.post({
        type: 'serverConversations/open',
        twinKey: this.twin.key,
        remoteId: conversation.id,
      });
      // Marked "in Twin Chat" only once the host says it opened (showOpened): a failed open is not.
      this.error = undefined;
      this.render();
      this.onOpen();
    });
    return h(
      'li',
      { class: 'conversation-row server-conversation', 'data-server-id': conversation.id },
      open,
    );
  }
}
