/**
 * Runs steps one after another, in the order they were asked for. A webview posts its messages in
 * the order the user acted, but the host handles each as it arrives: a step that awaits (saving
 * the twin just chosen, reading a conversation from disk) would let the next message overtake it,
 * and a question typed right after choosing another twin went to the old twin's conversation.
 *
 * When nothing is pending a step starts at once, synchronously, as a plain call would.
 */
export class InOrder {
  private last: Promise<unknown> = Promise.resolve();
  private pending = 0;

  run<T>(step: () => Promise<T>): Promise<T> {
    const started = this.pending === 0 ? step() : this.last.then(step);
    this.pending += 1;
    // Counted off before the caller hears: what it does next finds this one no longer pending.
    const done = started.finally(() => {
      this.pending -= 1;
    });
    this.last = done.catch(() => undefined);
    return done;
  }
}
