import { browserClock } from '../browserClock';
import { COPIED_FEEDBACK_MS } from '../delays';
import { h, icon } from '../dom';
import { t } from '../strings';

/**
 * The host writes the clipboard and reports nothing back, so the button itself says it worked: a
 * check mark and a visible "Copied" (its accessible name too), announced, then Copy again.
 */
export function showCopied(button: HTMLElement, announce: (text: string) => void): void {
  const label = t('copied');
  button.replaceChildren(icon('check'), h('span', { class: 'copied-label' }, label));
  button.setAttribute('aria-label', label);
  button.setAttribute('title', label);
  button.classList.add('copied');
  announce(label);
  browserClock.setTimer(() => {
    button.replaceChildren(icon('copy'));
    button.setAttribute('aria-label', t('copy'));
    button.setAttribute('title', t('copy'));
    button.classList.remove('copied');
  }, COPIED_FEEDBACK_MS);
}
