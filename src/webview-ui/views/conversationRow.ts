import type { ConversationSummary } from '../../shared/protocol';
import type { Post } from '../actions';
import { h, iconButton, textButton } from '../dom';
import { t } from '../strings';
import { relativeTime } from './format';

// A row of the conversation list. Rename and delete swap the row's content in place (an inline
// editor, an inline confirmation) so everything stays reachable by keyboard without dialogs.

export function conversationRow(
  summary: ConversationSummary,
  post: Post,
  onOpen: () => void,
): HTMLElement {
  const row = h('li', { class: 'conversation-row', 'data-conversation-id': summary.id });
  showNormal(row, summary, post, onOpen);
  return row;
}

function titleOf(summary: ConversationSummary): string {
  return summary.title || t('untitled');
}

function showNormal(
  row: HTMLElement,
  summary: ConversationSummary,
  post: Post,
  onOpen: () => void,
): void {
  const title = titleOf(summary);
  const open = h(
    'button',
    { type: 'button', class: 'conversation-open', 'aria-label': t('openConversation', title) },
    h('span', { class: 'conversation-title' }, title),
    h(
      'span',
      { class: 'conversation-meta' },
      `${summary.targetLabel} · ${relativeTime(summary.updatedAt)}`,
    ),
  );
  open.addEventListener('click', () => {
    post({ type: 'conversation/open', conversationId: summary.id });
    onOpen();
  });
  row.replaceChildren(
    open,
    iconButton('edit', t('rename', title), () => showRename(row, summary, post, onOpen)),
    iconButton('export', t('export', title), () =>
      post({ type: 'conversation/export', conversationId: summary.id }),
    ),
    iconButton('trash', t('deleteConversation', title), () =>
      showConfirmDelete(row, summary, post, onOpen),
    ),
  );
}

function showRename(
  row: HTMLElement,
  summary: ConversationSummary,
  post: Post,
  onOpen: () => void,
): void {
  const input = h('input', { type: 'text', class: 'rename-input', 'aria-label': t('renameTitle') });
  input.value = titleOf(summary);
  const restore = (): void => {
    showNormal(row, summary, post, onOpen);
    row.querySelector<HTMLElement>('.conversation-open')?.focus();
  };
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') {
      // Focus moves to the row's button below; without this the same Enter would activate it.
      event.preventDefault();
      const title = input.value.trim();
      if (title && title !== summary.title)
        post({ type: 'conversation/rename', conversationId: summary.id, title });
      restore();
    } else if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation(); // Escape cancels the edit, not the whole panel.
      restore();
    }
  });
  input.addEventListener('blur', () => {
    if (input.isConnected) showNormal(row, summary, post, onOpen);
  });
  row.replaceChildren(input);
  input.focus();
  input.select();
}

function showConfirmDelete(
  row: HTMLElement,
  summary: ConversationSummary,
  post: Post,
  onOpen: () => void,
): void {
  const cancel = textButton(
    t('cancel'),
    () => {
      showNormal(row, summary, post, onOpen);
      row.querySelector<HTMLElement>('.conversation-open')?.focus();
    },
    { secondary: true },
  );
  const confirm = textButton(
    t('delete'),
    () => post({ type: 'conversation/delete', conversationId: summary.id }),
    { icon: 'trash' },
  );
  confirm.classList.add('danger');
  const box = h(
    'div',
    { class: 'confirm', role: 'group', 'aria-label': t('deleteConversation', titleOf(summary)) },
    h('p', {}, t('deleteConfirm', titleOf(summary))),
    h('div', { class: 'button-row' }, confirm, cancel),
  );
  box.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape') return;
    event.stopPropagation();
    cancel.click();
  });
  row.replaceChildren(box);
  cancel.focus();
}
