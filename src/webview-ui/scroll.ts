// The transcript follows a streaming answer only while the reader is at the bottom: once they scroll
// up to read, new text must not pull the view away from what they are reading.
const BOTTOM_SLACK_PX = 24;

export class ScrollFollower {
  private atBottom = true;

  constructor(private readonly container: HTMLElement) {
    container.addEventListener('scroll', () => (this.atBottom = this.measureAtBottom()), {
      passive: true,
    });
  }

  private measureAtBottom(): boolean {
    const { scrollTop, scrollHeight, clientHeight } = this.container;
    return scrollHeight - scrollTop - clientHeight <= BOTTOM_SLACK_PX;
  }

  /** Call after content changed: re-pins to the bottom if the reader was there. */
  follow(): void {
    if (this.atBottom) this.container.scrollTop = this.container.scrollHeight;
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
  }
}
