import type { ConversationSummary } from '../../shared/protocol';
import type { Post } from '../actions';
import { browserClock } from '../browserClock';
import type { TimerId } from '../clock';
import { UNDO_DELETE_MS } from '../delays';
import { h, iconButton, textButton } from '../dom';
import { t } from '../strings';

/**
 * Delete without a dialog, and Undo for a few seconds instead. The conversation only leaves the
 * list meanwhile; the host is told to delete it when the time is up or the bar is dismissed, so
 * Undo never has to restore anything.
 */
export class PendingDelete {
  readonly element: HTMLElement;
  private pending: { summary: ConversationSummary; timer: TimerId } | undefined;

  constructor(
    private readonly post: Post,
    private readonly onChange: () => void,
  ) {
    this.element = h('div', { class: 'undo-bar', role: 'status' });
    this.element.hidden = true;
  }

  /** Whether the list should leave this conversation out. */
  hides(conversationId: string): boolean {
    return this.pending?.summary.id === conversationId;
  }

  start(summary: ConversationSummary): void {
    this.commit(); // one pending deletion at a time: an earlier one is done now
    const timer = browserClock.setTimer(() => this.commit(), UNDO_DELETE_MS);
    this.pending = { summary, timer };
    const undo = textButton(t('undo'), () => this.undo(), { icon: 'discard', secondary: true });
    this.element.replaceChildren(
      h('span', { class: 'undo-text' }, t('deleted', summary.title || t('untitled'))),
      undo,
      iconButton('close', t('deleteNow'), () => this.commit()),
    );
    this.element.hidden = false;
    this.onChange();
    undo.focus(); // the row that had focus is gone
  }

  /** Deletes for real, now. */
  commit(): void {
    const pending = this.end();
    if (pending) this.post({ type: 'conversation/delete', conversationId: pending.summary.id });
  }

  private undo(): void {
    if (this.end()) this.onChange();
  }

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
