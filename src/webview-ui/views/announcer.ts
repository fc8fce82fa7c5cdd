import { h } from '../dom';

/** The pause between clearing the region and filling it, so screen readers see a change. */
export const ANNOUNCE_DELAY_MS = 50;

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
