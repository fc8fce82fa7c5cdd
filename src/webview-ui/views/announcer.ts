import { ANNOUNCE_DELAY_MS } from '../delays';
import { h } from '../dom';

/**
 * A visually hidden polite live region. It gets short sentences ("Answer finished"), never the
 * streamed text: a screen reader reading every delta would be unusable.
 */
export class Announcer {
  readonly element = h('div', { class: 'sr-only', 'aria-live': 'polite', 'aria-atomic': 'true' });

  announce(text: string): void {
    // Clearing first makes a repeated sentence be announced again.
    this.element.textContent = '';
    setTimeout(() => (this.element.textContent = text), ANNOUNCE_DELAY_MS);
  }
}
