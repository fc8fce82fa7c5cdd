import type { HostBridge } from './hostBridge';
import type { SavedStateStore } from './savedState';

// The host persists the draft across window reloads, but posting on every keystroke would flood
// it; the local saved state is written at once, the host copy after a short pause.
const POST_DELAY_MS = 400;

export class DraftKeeper {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private lastPosted: string | undefined;

  constructor(
    private readonly bridge: HostBridge,
    private readonly saved: SavedStateStore,
  ) {}

  /**
   * The draft to show on start-up: the local copy if there is one, else the host's. An empty box
   * the host has been told of keeps no local copy (`postNow`), so a draft the host set after it
   * (Send Selection while an answer streamed and the view was hidden) is not hidden behind it.
   */
  initial(hostDraft: string): string {
    const local = this.saved.get().draft;
    this.lastPosted = hostDraft;
    return local ?? hostDraft;
  }

  changed(text: string): void {
    this.saved.update({ draft: text });
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.postNow(text), POST_DELAY_MS);
  }

  /** The host replaced the draft (e.g. a selection was sent to the chat): keep, don't echo. */
  setFromHost(text: string): void {
    clearTimeout(this.timer);
    this.lastPosted = text;
    this.saved.update({ draft: text === '' ? undefined : text });
  }

  /**
   * After sending the box is empty; tell the host at once so a reload cannot resurrect it (the
   * host also empties its copy when it takes the message), and keep no local copy.
   */
  cleared(): void {
    clearTimeout(this.timer);
    this.postNow('');
  }

  private postNow(text: string): void {
    if (text === '') this.saved.update({ draft: undefined });
    if (text === this.lastPosted) return;
    this.lastPosted = text;
    this.bridge.post({ type: 'draft/changed', text });
  }
}
