import type { ConversationSummary } from '../../shared/protocol';
import type { Post } from '../actions';
import { browserClock } from '../browserClock';
import type { TimerId } from '../clock';
import { UNDO_DELETE_MS } from '../delays';
import { h, iconButton, textButton } from '../dom';
import { t } from '../strings';

/**
 * Delete without a dialog, and Undo for a few seconds instead. The host deletes the file at once
 * (a hidden sidebar destroys this view, and a delete it held back would never be sent) and keeps
 * the conversation in memory for a while; Undo asks it to save it back. The timer here only hides
 * the bar. While the bar shows, the conversation stays out of the list even if an older list
 * arrives meanwhile.
 */
export class PendingDelete {
  readonly element: HTMLElement;
  private pending: { summary: ConversationSummary; timer: TimerId } | undefined;

  constructor(
    private readonly post: Post,
    private readonly onChange: () => void,
    /** The bar had the focus and is gone; `restoredId` names the conversation Undo brought back. */
    private readonly onFocusLeft: (restoredId: string | undefined) => void,
  ) {
    this.element = h('div', { class: 'undo-bar', role: 'status' });
    this.element.hidden = true;
  }

  /** Whether the list should leave this conversation out. */
  hides(conversationId: string): boolean {
    return this.pending?.summary.id === conversationId;
  }

  start(summary: ConversationSummary): void {
    this.end(); // one Undo at a time: the host, too, keeps only the last deleted conversation
    this.post({ type: 'conversation/delete', conversationId: summary.id });
    const timer = browserClock.setTimer(() => this.dismiss(), UNDO_DELETE_MS);
    this.pending = { summary, timer };
    const undo = textButton(t('undo'), () => this.undo(), { icon: 'discard', secondary: true });
    this.element.replaceChildren(
      h('span', { class: 'undo-text' }, t('deleted', summary.title || t('untitled'))),
      undo,
      // "Delete now" only hides the bar: the deletion is already done.
      iconButton('close', t('deleteNow'), () => this.dismiss()),
    );
    this.element.hidden = false;
    this.onChange();
    undo.focus(); // the row that had focus is gone
  }

  private undo(): void {
    const hadFocus = this.holdsFocus();
    const pending = this.end();
    if (!pending) return;
    this.post({ type: 'conversation/restore', conversationId: pending.summary.id });
    this.onChange(); // the row comes back with the host's next list, or now if none came yet
    if (hadFocus) this.onFocusLeft(pending.summary.id);
  }

  private dismiss(): void {
    const hadFocus = this.holdsFocus();
    this.end();
    if (hadFocus) this.onFocusLeft(undefined);
  }

  /** Emptying the bar drops its focus to the page body, where a keyboard user starts over. */
  private holdsFocus(): boolean {
    return this.element.contains(document.activeElement);
  }

  /** Hides the bar and forgets the deletion it offered to undo. */
  private end(): PendingDelete['pending'] {
    const pending = this.pending;
    if (!pending) return undefined;
    browserClock.clearTimer(pending.timer);
    this.pending = undefined;
    this.element.replaceChildren();
    this.element.hidden = true;
    return pending;
  }
}
