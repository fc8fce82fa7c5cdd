/**
 * Gathers streamed text and hands it on at most every `intervalMs`: a fast server can send
 * thousands of tiny deltas a second, and one postMessage per delta would flood the webview.
 */
export class DeltaCoalescer {
  private pending = '';
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly emit: (text: string) => void,
    private readonly intervalMs = 30,
  ) {}

  push(text: string): void {
    this.pending += text;
    this.timer ??= setTimeout(() => this.flush(), this.intervalMs);
  }

  /** Sends whatever is pending now; called before any message that must follow the text. */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.pending) return;
    const text = this.pending;
    this.pending = '';
    this.emit(text);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.pending = '';
  }
}
