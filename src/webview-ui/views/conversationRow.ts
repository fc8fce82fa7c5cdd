import type { ConversationSummary } from '../../shared/protocol';
import type { Post } from '../actions';
import { describeBy, h, iconButton } from '../dom';
import { isImeKey } from '../keys';
import { revealInvisible } from '../markdown/invisible';
import { t } from '../strings';
import { relativeTime } from './format';

// A row of the conversation list. Rename swaps the row's content for an inline editor, so
// everything stays reachable by keyboard without dialogs; delete is undone, not confirmed.

export interface RowActions {
  post: Post;
  onOpen: () => void;
  onDelete: (summary: ConversationSummary) => void;
}

/**
 * What a rebuilt list keeps of the row that had the focus: which of its controls had it and, for
 * an open rename box, what was typed there. The host re-sends the whole list whenever an answer
 * starts or ends, and a rebuild must not throw that away or drop a keyboard user to the page body.
 */
export interface RowFocus {
  id: string;
  /** Index among the row's buttons and box, the same in every row in the same mode. */
  control: number;
  rename?: { value: string; start: number | null; end: number | null };
}

const CONTROLS = 'button, input';

export function conversationRow(
  summary: ConversationSummary,
  actions: RowActions,
  kept?: RowFocus,
): HTMLElement {
  const row = h('li', { class: 'conversation-row', 'data-conversation-id': summary.id });
  if (kept?.rename) showRename(row, summary, actions, kept.rename);
  else showNormal(row, summary, actions);
  return row;
}

/** The row control that has the focus in `list`, if one does. */
export function rowFocus(list: HTMLElement): RowFocus | undefined {
  const active = document.activeElement;
  const row = active?.closest<HTMLElement>('.conversation-row');
  const id = row?.dataset.conversationId;
  if (!row || !id || !list.contains(row)) return undefined;
  const control = Array.from(row.querySelectorAll(CONTROLS)).indexOf(active as Element);
  if (!(active instanceof HTMLInputElement)) return { id, control };
  const { value, selectionStart: start, selectionEnd: end } = active;
  return { id, control, rename: { value, start, end } };
}

/** Gives the focus back to the kept control of the rebuilt row; false when the row is gone. */
export function restoreRowFocus(list: HTMLElement, kept: RowFocus): boolean {
  const row = list.querySelector(`[data-conversation-id="${CSS.escape(kept.id)}"]`);
  const control = row?.querySelectorAll<HTMLElement>(CONTROLS)[kept.control];
  control?.focus();
  return control !== undefined;
}

/** The title as shown: hidden characters marked (the rename box edits the title itself). */
function titleOf(summary: ConversationSummary): string {
  return revealInvisible(summary.title) || t('untitled');
}

/** Whether an answer streams into the conversation, or some chat shows it, right now. */
function liveState(summary: ConversationSummary): HTMLElement[] {
  if (summary.streaming)
    return [h('span', { class: 'conversation-state' }, t('conversationStreaming'))];
  if (summary.open) return [h('span', { class: 'conversation-state' }, t('conversationOpen'))];
  return [];
}

/** Who it was with, and where: conversations held with @twin in VS Code's Chat view say so. */
function targetOf(summary: ConversationSummary): string {
  const label = revealInvisible(summary.targetLabel);
  return summary.origin === 'chatView' ? t('targetInChatView', label) : label;
}

function showNormal(row: HTMLElement, summary: ConversationSummary, actions: RowActions): void {
  const { post, onOpen } = actions;
  const title = titleOf(summary);
  // The target's name gives way, never the time: "12 seconds ago" must not become "12 …".
  const meta = h(
    'span',
    { class: 'conversation-meta' },
    h('span', { class: 'conversation-target' }, `${targetOf(summary)} ·`),
    h('span', { class: 'conversation-time' }, relativeTime(summary.updatedAt)),
    ...liveState(summary),
  );
  const open = h(
    'button',
    { type: 'button', class: 'conversation-open', 'aria-label': t('openConversation', title) },
    h('span', { class: 'conversation-title' }, title),
    meta,
  );
  describeBy(open, meta);
  open.addEventListener('click', () => {
    post({ type: 'conversation/open', conversationId: summary.id });
    onOpen();
  });
  row.replaceChildren(
    open,
    iconButton('edit', t('rename', title), () => showRename(row, summary, actions)),
    iconButton('save-as', t('export', title), () =>
      post({ type: 'conversation/export', conversationId: summary.id }),
    ),
    iconButton('trash', t('deleteConversation', title), () => actions.onDelete(summary)),
  );
}

function showRename(
  row: HTMLElement,
  summary: ConversationSummary,
  actions: RowActions,
  typed?: RowFocus['rename'],
): void {
  const { post } = actions;
  const input = h('input', { type: 'text', class: 'rename-input', 'aria-label': t('renameTitle') });
  input.value = typed?.value ?? summary.title;
  const restore = (): void => {
    showNormal(row, summary, actions);
    row.querySelector<HTMLElement>('.conversation-open')?.focus();
  };
  input.addEventListener('keydown', (event) => {
    if (isImeKey(event)) return;
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
    if (input.isConnected) showNormal(row, summary, actions);
  });
  row.replaceChildren(input);
  input.focus();
  if (typed) input.setSelectionRange(typed.start, typed.end);
  else input.select();
}
