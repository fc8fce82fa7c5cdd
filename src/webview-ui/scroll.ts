// The transcript follows a streaming answer only while the reader is at the bottom: once they scroll
// up to read, new text must not pull the view away from what they are reading.
const BOTTOM_SLACK_PX = 24;

export class ScrollFollower {
  private atBottom = true;
  private lastTop = 0;

  constructor(
    private readonly container: HTMLElement,
    content: HTMLElement,
  ) {
    container.addEventListener('scroll', () => this.onScroll(), { passive: true });
    // Heights settle after our frame callback (off-screen chunks get their real size when they
    // come into view), so follow every size change of the content, not only our own updates.
    new ResizeObserver(() => this.follow()).observe(content);
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

  /** Keeps the visible content still while older messages are inserted above it. */
  preserveWhileInsertingAbove(insert: () => void): void {
    const before = this.container.scrollHeight;
    insert();
    this.container.scrollTop += this.container.scrollHeight - before;
    this.lastTop = this.container.scrollTop;
  }
}
