// The transcript follows a streaming answer only while the reader is at the bottom: once they scroll
// up to read, new text must not pull the view away from what they are reading.
const BOTTOM_SLACK_PX = 24;

export class ScrollFollower {
  private atBottom = true;
  private lastTop = 0;

  constructor(
    private readonly container: HTMLElement,
    private readonly content: HTMLElement,
  ) {
    container.addEventListener('scroll', () => this.onScroll(), { passive: true });
    // Following happens only here, never right after a render: ResizeObserver callbacks run after
    // the browser's own layout, so reading scrollHeight is free, whereas reading it in the frame
    // callback that just changed the DOM forced a second, synchronous layout on every frame (the
    // biggest single cost in the streaming profile). It also catches heights that settle later
    // (off-screen chunks get their real size when they come into view) and a resized view.
    const observer = new ResizeObserver(() => this.follow());
    observer.observe(content);
    observer.observe(container);
  }

  private onScroll(): void {
    const top = this.container.scrollTop;
    // Only moving up unpins: our own scrolls and content that grew below never do.
    this.atBottom = this.measureAtBottom() || (this.atBottom && top >= this.lastTop);
    this.lastTop = top;
  }

  private measureAtBottom(): boolean {
    const { scrollTop, scrollHeight, clientHeight } = this.container;
    return scrollHeight - scrollTop - clientHeight <= BOTTOM_SLACK_PX;
  }

  /** Call after content changed: re-pins to the bottom if the reader was there. */
  follow(): void {
    if (!this.atBottom) return;
    this.container.scrollTop = this.container.scrollHeight;
    this.lastTop = this.container.scrollTop;
  }

  /** Jump to the end, e.g. after the user sends or opens a conversation. */
  toBottom(): void {
    this.atBottom = true;
    this.follow();
  }

  /** Stops following, e.g. before scrolling to an older message. */
  release(): void {
    this.atBottom = false;
  }

  /**
   * Keeps the visible content still while older messages are inserted above it. The correction is
   * measured on content that was already there rather than from scrollHeight: the browser's own
   * scroll anchoring (overflow-anchor) may already have compensated, and adding the inserted
   * height on top of that moved the reader thousands of pixels down.
   */
  preserveWhileInsertingAbove(insert: () => void): void {
    const anchor = this.content.firstElementChild;
    const before = anchor?.getBoundingClientRect().top;
    insert();
    if (anchor && before !== undefined)
      this.container.scrollTop += anchor.getBoundingClientRect().top - before;
    this.lastTop = this.container.scrollTop;
  }
}
