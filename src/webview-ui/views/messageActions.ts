import type { MessageView } from '../../shared/protocol';
import type { Post } from '../actions';
import { h, iconButton, nameBeyondTooltip, textButton } from '../dom';
import { t } from '../strings';
import { renderBranchSwitcher, type SwitchDirection } from './branchSwitcher';
import { copyIconButton } from './copyButton';

/** What a message's controls need from the transcript. */
export interface MessageControls {
  post: Post;
  announce: (text: string) => void;
  /** A version switch was asked for: focus goes back to the switcher once the host re-shows. */
  switched: (messageId: string, direction: SwitchDirection) => void;
}

function copyButton(message: MessageView, controls: MessageControls): HTMLButtonElement {
  const button = copyIconButton(
    t('copyMessage'),
    () => controls.post({ type: 'message/copy', messageId: message.id }),
    controls.announce,
  );
  button.classList.add('copy-message');
  return button;
}

/**
 * Delete asks first, in place, and says what it does: the exchange leaves this transcript only,
 * since the server's conversation cannot be rewritten.
 */
function deleteButton(row: HTMLElement, message: MessageView, controls: MessageControls) {
  const button = iconButton('trash', t('deleteExchange'), () => {
    const shown = [...row.childNodes];
    const cancel = textButton(
      t('cancel'),
      () => {
        row.classList.toggle('pinned', row.querySelector('.branch-switcher') !== null);
        row.replaceChildren(...shown);
        button.focus();
      },
      { secondary: true },
    );
    const remove = textButton(t('remove'), () => {
      controls.post({ type: 'message/delete', messageId: message.id });
      controls.announce(t('exchangeDeleted'));
    });
    row.classList.add('pinned');
    row.replaceChildren(
      h('p', { class: 'delete-confirm', role: 'alert' }, t('deleteExchangeConfirm')),
      h('div', { class: 'button-row' }, remove, cancel),
    );
    cancel.focus();
  });
  button.classList.add('delete-exchange', 'while-idle');
  return button;
}

/**
 * The row under a message: its version switcher, Edit (questions) or Regenerate (the last
 * answer; CSS hides it on earlier ones), Copy as Markdown and Delete. Nothing while it streams.
 * Each control's name is its action and `subject`, which message it acts on ("Copy as Markdown:
 * answer from Ada, 10:43"); its tooltip stays the action alone.
 */
export function renderMessageActions(
  message: MessageView,
  controls: MessageControls,
  edit: () => void,
  subject: string,
): HTMLElement {
  const row = h('div', { class: 'message-actions' });
  if (message.status === 'streaming') return row;
  const switcher = renderBranchSwitcher(message, controls.post, controls.switched);
  // The switcher shows where the reader is among versions: always visible, not only on hover.
  row.classList.toggle('pinned', switcher !== null);
  const own =
    message.role === 'user'
      ? iconButton('edit', t('editMessage'), edit)
      : iconButton('refresh', t('regenerate'), () =>
          controls.post({ type: 'chat/regenerate', messageId: message.id }),
        );
  own.classList.add(message.role === 'user' ? 'edit-message' : 'regenerate', 'while-idle');
  row.append(...(switcher ? [switcher] : []), own, copyButton(message, controls));
  row.append(deleteButton(row, message, controls));
  // Each button's tooltip is its action (iconButton): the name adds the message.
  for (const button of row.querySelectorAll('button')) {
    nameBeyondTooltip(button, t('controlForMessage', button.title, subject));
  }
  return row;
}
