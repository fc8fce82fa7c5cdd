import type {
  ConversationSummary,
  SearchHit,
  ServerConversationView,
  TargetsView,
} from '../../shared/protocol';
import type { Post } from '../actions';
import { h, iconButton } from '../dom';
import { revealInvisible } from '../markdown/invisible';
import { t } from '../strings';
import { conversationRow, restoreRowFocus, rowFocus } from './conversationRow';
import { PagedList, type ListContent } from './pagedList';
import { PendingDelete } from './pendingDelete';
import { ServerConversationsSection } from './serverConversationsSection';

const SEARCH_DELAY_MS = 250;

/** The conversation list with full-text search over all conversations (the host searches). */
export class HistoryPanel {
  readonly element: HTMLElement;
  private readonly search: HTMLInputElement;
  private readonly list: HTMLElement;
  private conversations: ConversationSummary[] = [];
  private hits: SearchHit[] | undefined;
  /** The host has more hits for the query than `hits` (it sends them a page at a time). */
  private moreHits = false;
  /** The `from` of the page asked for and not received yet: the list asks once per page. */
  private asked: number | undefined;
  /** Said while the host's search index is rebuilt: the results may not be complete yet. */
  private readonly catchingUp: HTMLElement;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly pendingDelete: PendingDelete;
  private readonly paged: PagedList;
  /** The selected twin's conversations on TwinExpert's server, instead of the local list. */
  private readonly server: ServerConversationsSection;
  private readonly serverToggle: HTMLButtonElement;
  private readonly local: HTMLElement;

  constructor(
    private readonly post: Post,
    private readonly close: () => void,
    /**
     * A hit names a message: true when the view showed it at once (its conversation is open),
     * false when the host must open the conversation first.
     */
    private readonly onOpenHit: (hit: SearchHit) => boolean,
    private readonly announce: (text: string) => void,
  ) {
    this.search = h('input', {
      type: 'search',
      class: 'search-input',
      'aria-label': t('searchConversations'),
      placeholder: t('searchConversations'),
    });
    this.list = h('ul', { class: 'conversation-list', 'aria-label': t('conversations') });
    this.pendingDelete = new PendingDelete(
      post,
      () => this.render(true),
      (restoredId) => this.focusAfterDelete(restoredId),
    );
    this.catchingUp = h(
      'p',
      { class: 'search-catching-up', role: 'status' },
      t('searchCatchingUp'),
    );
    this.catchingUp.hidden = true;
    this.element = h('section', { class: 'history-panel', 'aria-label': t('conversations') });
    this.paged = new PagedList(this.list, this.element, t('showMoreConversations'));
    this.server = new ServerConversationsSection(post, close, () => this.serverToggle.focus());
    this.serverToggle = h(
      'button',
      { type: 'button', class: 'filter-toggle', 'aria-pressed': 'false' },
      t('onTwinExpert'),
    );
    this.serverToggle.addEventListener('click', () => this.showServer(!this.server.isActive));
    this.local = h(
      'div',
      { class: 'local-conversations' },
      this.pendingDelete.element,
      this.catchingUp,
      this.list,
      this.paged.more,
    );
    this.element.append(
      h('div', { class: 'panel-header' }, this.search, iconButton('close', t('closePanel'), close)),
      h('div', { class: 'history-filters' }, this.serverToggle),
      this.local,
      this.server.element,
    );
    this.serverToggle.hidden = true;
    this.element.hidden = true;
    this.search.addEventListener('input', () => this.onSearchInput());
  }

  setConversations(conversations: ConversationSummary[]): void {
    this.conversations = conversations;
    if (!this.hits) this.renderConversations(true);
  }

  /**
   * A page of hits: the first (`from` undefined) starts the list anew, a later one goes on its end
   * (`more`: the host holds more still).
   */
  showResults(
    query: string,
    hits: SearchHit[],
    catchingUp = false,
    page: { from?: number; more?: boolean } = {},
  ): void {
    if (query !== this.search.value.trim()) return; // an answer to an older query
    this.catchingUp.hidden = !catchingUp;
    this.moreHits = page.more === true;
    this.asked = undefined;
    if (page.from === undefined || !this.hits) {
      this.hits = hits;
      this.render();
      // The list changes away from the search box, where the focus stays: a screen reader would
      // say nothing, and its user could not tell "no matches" from "still searching".
      this.announce(searchOutcome(query, hits.length, this.moreHits));
    } else if (page.from === this.hits.length) {
      this.hits = [...this.hits, ...hits];
      this.paged.append(this.hitsContent(this.hits));
    }
  }

  /** The section is offered only while a TwinExpert twin is selected (it lists that twin's). */
  setTargets(view: TargetsView): void {
    this.server.setTargets(view);
    this.serverToggle.hidden = !this.server.available;
    if (!this.server.available && this.server.isActive) this.showServer(false);
  }

  showServerPage(twinKey: string, page: number, rows: ServerConversationView[], more: boolean) {
    this.server.showPage(twinKey, page, rows, more);
  }

  showServerError(twinKey: string, page: number, message: string): void {
    this.server.showError(twinKey, page, message);
  }

  showServerOpened(twinKey: string, remoteId: string): void {
    this.server.showOpened(twinKey, remoteId);
  }

  /** "On TwinExpert" on: its list replaces the local one (search stays for local conversations). */
  showServer(on: boolean): void {
    this.serverToggle.setAttribute('aria-pressed', String(on));
    this.local.hidden = on;
    this.search.disabled = on;
    this.server.setActive(on);
  }

  focusSearch(): void {
    this.search.focus();
  }

  /** The restored conversation's row when it is shown, else the search box. */
  private focusAfterDelete(restoredId: string | undefined): void {
    const row = restoredId
      ? this.list.querySelector<HTMLElement>(
          `[data-conversation-id="${CSS.escape(restoredId)}"] .conversation-open`,
        )
      : null;
    (row ?? this.search).focus();
  }

  private onSearchInput(): void {
    clearTimeout(this.timer);
    const query = this.search.value.trim();
    if (query === '') {
      this.hits = undefined;
      this.moreHits = false;
      this.catchingUp.hidden = true;
      this.render();
      return;
    }
    this.timer = setTimeout(() => this.post({ type: 'search/query', query }), SEARCH_DELAY_MS);
  }

  /** `keepShown`: the same list changed (a rename, a delete), so as many rows stay rendered. */
  private render(keepShown = false): void {
    if (this.hits) this.renderHits(this.hits);
    else this.renderConversations(keepShown);
  }

  private renderConversations(keepShown: boolean): void {
    const actions = {
      post: this.post,
      onOpen: this.close,
      onDelete: (summary: ConversationSummary) => this.pendingDelete.start(summary),
    };
    const shown = this.conversations.filter((c) => !this.pendingDelete.hides(c.id));
    const kept = rowFocus(this.list);
    this.paged.show(
      {
        count: shown.length,
        row: (i) => {
          const summary = shown[i] as ConversationSummary;
          return conversationRow(summary, actions, kept?.id === summary.id ? kept : undefined);
        },
        empty: () => h('li', { class: 'empty' }, t('noConversations')),
      },
      keepShown,
    );
    // The focused row went (deleted in another window): the search box, not the page body.
    if (kept && !restoreRowFocus(this.list, kept)) this.search.focus();
  }

  private renderHits(hits: SearchHit[]): void {
    this.paged.show(this.hitsContent(hits), false);
  }

  private hitsContent(hits: SearchHit[]): ListContent {
    return {
      count: hits.length,
      row: (i) => this.hitRow(hits[i] as SearchHit),
      empty: () => h('li', { class: 'empty' }, t('noResults', this.search.value.trim())),
      ...(this.moreHits && { loadMore: () => this.askForMore(hits.length) }),
    };
  }

  private askForMore(from: number): void {
    if (this.asked === from) return;
    this.asked = from;
    this.post({ type: 'search/more', query: this.search.value.trim(), from });
  }

  private hitRow(hit: SearchHit): HTMLElement {
    const button = h(
      'button',
      { type: 'button', class: 'conversation-open search-hit' },
      h('span', { class: 'conversation-title' }, revealInvisible(hit.title) || t('untitled')),
      h('span', { class: 'conversation-meta' }, revealInvisible(hit.excerpt)),
      // The host groups a conversation's matches into one hit (one row), and says how many.
      (hit.matches ?? 1) > 1
        ? h('span', { class: 'conversation-meta' }, t('matchingMessages', hit.matches ?? 1))
        : null,
    );
    button.addEventListener('click', () => {
      // Closing first: it returns the focus to the panel's button, and a revealed message takes it.
      this.close();
      if (!this.onOpenHit(hit))
        this.post({ type: 'conversation/open', conversationId: hit.conversationId });
    });
    return h('li', { class: 'conversation-row' }, button);
  }
}

/** What a search found, for the screen reader: the first page's count (the host pages the rest). */
function searchOutcome(query: string, count: number, more: boolean): string {
  if (count === 0) return t('noResults', query);
  return more ? t('searchFoundMore', count) : t('searchFound', count);
}
