import type { BranchMarkView, MessageView } from '../../shared/protocol';
import type { Post } from '../actions';
import { h, icon, iconButton } from '../dom';
import { revealInvisible } from '../markdown/invisible';
import { t } from '../strings';

export type SwitchDirection = 'previous' | 'next';

/**
 * `< 2 / 3 >` on a message that has other versions (edits, regenerations). The host switches the
 * visible path and shows the conversation again; `switched` lets the transcript put focus back
 * on the same control afterwards, so a keyboard user can keep stepping through versions.
 */
export function renderBranchSwitcher(
  message: MessageView,
  post: Post,
  switched: (messageId: string, direction: SwitchDirection) => void,
): HTMLElement | null {
  const ids = message.siblingIds;
  if (!ids || ids.length < 2) return null;
  const at = ids.indexOf(message.id);
  const button = (direction: SwitchDirection, target: string | undefined): HTMLButtonElement => {
    const name = direction === 'previous' ? 'chevron-left' : 'chevron-right';
    const label = direction === 'previous' ? t('previousVersion') : t('nextVersion');
    const control = iconButton(name, label, () => {
      if (!target) return;
      switched(target, direction);
      post({ type: 'branch/switch', messageId: target });
    });
    control.classList.add(direction);
    control.disabled = target === undefined;
    return control;
  };
  return h(
    'div',
    { class: 'branch-switcher', role: 'group', 'aria-label': t('versionOf', at + 1, ids.length) },
    button('previous', ids[at - 1]),
    h('span', { class: 'branch-position', 'aria-hidden': 'true' }, `${at + 1} / ${ids.length}`),
    button('next', ids[at + 1]),
  );
}

/** The "branch of …" line: this question opened a new server conversation, told what came before. */
export function renderBranchMarker(branch: BranchMarkView | undefined): HTMLElement | null {
  if (!branch) return null;
  const what = branch.of ? t('branchOf', revealInvisible(branch.of)) : t('branchNew');
  const { sentTurns, droppedTurns } = branch;
  const context =
    droppedTurns > 0
      ? t('branchContextDropped', sentTurns, droppedTurns)
      : sentTurns > 0
        ? t('branchContext', sentTurns)
        : '';
  return h('p', { class: 'branch-marker' }, icon('repo-forked'), ` ${what} ${context}`.trimEnd());
}
