import { h } from '../dom';

// A thousand conversations must open as quickly as ten: the list renders about a sidebar's
// screenful first (laying rows out was most of opening it), more at once while the end of the
// list is in view (a taller panel), and the next pages as the reader scrolls within
// PREFETCH_SCREENS panel heights of the end (or asks for them with the button, which keyboard and
// screen reader users reach after the last row).
const FIRST_PAGE_SIZE = 20;
const PAGE_SIZE = 50;
const PREFETCH_SCREENS = 1;

/** What a list shows: how many rows, how to make row `i`, and what to say when there are none. */
export interface ListContent {
  count: number;
  row: (index: number) => HTMLElement;
  empty: () => HTMLElement;
  /**
   * Set when the source holds more rows than `count` (search hits come from the host a page at a
   * time): asked once the reader reaches the last row; the rows arrive through `append`.
   */
  loadMore?: () => void;
}

export class PagedList {
  readonly more: HTMLButtonElement;
  private content: ListContent = { count: 0, row: () => h('li'), empty: () => h('li') };
  private shown = 0;
  /** Sees the button after the last row come into view: the rows do not fill the panel. */
  private readonly end: IntersectionObserver;

  constructor(
    private readonly list: HTMLElement,
    /** The element that scrolls the list. */
    private readonly scroller: HTMLElement,
    moreLabel: string,
  ) {
    this.more = h('button', { type: 'button', class: 'list-more' }, moreLabel);
    this.more.hidden = true;
    this.more.addEventListener('click', () => this.next()?.focus());
    scroller.addEventListener('scroll', () => this.onScroll(), { passive: true });
    this.end = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) this.next();
      },
      { root: scroller },
    );
    this.watchEnd();
  }

  /** Observing anew reports the button's state once more, though it did not change. */
  private watchEnd(): void {
    this.end.unobserve(this.more);
    this.end.observe(this.more);
  }

  /**
   * Replaces what the list shows. `keepShown`: as many rows as before stay rendered (an update
   * of the same list must not collapse it under the reader); otherwise the first page only.
   */
  show(content: ListContent, keepShown: boolean): void {
    this.content = content;
    const wanted = keepShown ? Math.max(this.shown, FIRST_PAGE_SIZE) : FIRST_PAGE_SIZE;
    this.shown = Math.min(content.count, wanted);
    const rows = Array.from({ length: this.shown }, (_, i) => content.row(i));
    this.list.replaceChildren(...(content.count > 0 ? rows : [content.empty()]));
    this.more.hidden = !this.hasMore;
    this.watchEnd();
  }

  /**
   * The same list with more rows at its end (a page `loadMore` asked for): they are rendered
   * below the last row, and take the focus if the reader asked for them with the button.
   */
  append(content: ListContent): void {
    const focusFirst = document.activeElement === this.more;
    const from = this.shown;
    if (from === 0 && content.count > 0) this.list.replaceChildren(); // the empty-list row
    this.content = content;
    const first = this.showMore(content.count - from);
    this.more.hidden = !this.hasMore;
    if (focusFirst) first?.focus();
  }

  private get hasMore(): boolean {
    return this.shown < this.content.count || this.content.loadMore !== undefined;
  }

  /** The next rows held, or else asks the source for more. */
  private next(): HTMLElement | undefined {
    if (this.shown < this.content.count) return this.showMore(PAGE_SIZE);
    this.content.loadMore?.();
    return undefined;
  }

  /** Renders up to `count` more rows below the last one; returns the first it added. */
  private showMore(count: number): HTMLElement | undefined {
    const end = Math.min(this.content.count, this.shown + count);
    const rows: HTMLElement[] = [];
    for (let i = this.shown; i < end; i++) rows.push(this.content.row(i));
    this.shown = end;
    this.list.append(...rows);
    this.more.hidden = !this.hasMore;
    this.watchEnd();
    return rows[0]?.querySelector<HTMLElement>('button') ?? undefined;
  }

  private onScroll(): void {
    if (!this.hasMore) return;
    const { scrollTop, clientHeight, scrollHeight } = this.scroller;
    if (scrollHeight - scrollTop - clientHeight <= clientHeight * PREFETCH_SCREENS) this.next();
  }
}
