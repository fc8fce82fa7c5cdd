import { browserClock } from '../browserClock';
import { COPIED_FEEDBACK_MS } from '../delays';
import { icon, iconButton } from '../dom';
import { t } from '../strings';

/**
 * An icon-only Copy. The host writes the clipboard and reports nothing back (its status bar note
 * is not read by screen readers), so the button says it worked: a check mark for a moment,
 * announced; its name stays, so it reads the same when it turns back.
 */
export function copyIconButton(
  label: string,
  copy: () => void,
  announce: (text: string) => void,
): HTMLButtonElement {
  const button = iconButton('copy', label, () => {
    copy();
    button.replaceChildren(icon('check'));
    announce(t('copied'));
    browserClock.setTimer(() => button.replaceChildren(icon('copy')), COPIED_FEEDBACK_MS);
  });
  return button;
}
