import type { AttachmentView } from '../../shared/protocol';
import type { Post } from '../actions';
import { h, icon, iconButton } from '../dom';
import { revealInvisible } from '../markdown/invisible';
import { t } from '../strings';
import { keepOnly, thumbnailUrl } from '../thumbnails';
import { humanSize } from './format';

// Shows exactly what will be sent with the next message (design.md §5), each removable.

/** A pasted image shows its own bytes (held by the page); anything else an icon. */
function leading(attachment: AttachmentView): HTMLElement {
  const url = thumbnailUrl(attachment.pasteKey);
  if (url) return h('img', { class: 'chip-thumbnail', src: url, alt: '' });
  if (attachment.pasteKey) return icon('file-media');
  return icon(attachment.kind === 'file' ? 'file' : 'selection');
}

function chip(attachment: AttachmentView, post: Post): HTMLElement {
  // A file name with U+202E can read "photo\u202Egpj.exe" as "photoexe.jpg": show what it is.
  const shown = revealInvisible(attachment.name);
  const name = attachment.kind === 'selection' ? `${shown} (${t('selectionAttachment')})` : shown;
  return h(
    'li',
    { class: 'chip', 'data-attachment-id': attachment.id },
    leading(attachment),
    h('span', { class: 'chip-name' }, name),
    h('span', { class: 'chip-size' }, humanSize(attachment.size)),
    attachment.note ? h('span', { class: 'chip-note' }, revealInvisible(attachment.note)) : null,
    iconButton('close', t('removeAttachment', shown), () =>
      post({ type: 'attachment/remove', attachmentId: attachment.id }),
    ),
  );
}

/** Where the focused Remove button was, so the rebuilt list can give the focus back. */
interface ChipFocus {
  id: string;
  index: number;
}

function chipFocus(list: HTMLElement): ChipFocus | undefined {
  const focused = document.activeElement?.closest<HTMLElement>('.chip');
  if (!focused || !list.contains(focused)) return undefined;
  return { id: focused.dataset.attachmentId ?? '', index: [...list.children].indexOf(focused) };
}

/**
 * Every update rebuilds the chips, and Remove's own update takes its chip away: the focus would
 * drop to the page body, where a keyboard user starts again from the top. It goes to the same
 * chip, else the one that took the removed chip's place (or the last), else the message box.
 */
function restoreChipFocus(list: HTMLElement, kept: ChipFocus, emptied: HTMLElement): void {
  const chips = [...list.querySelectorAll<HTMLElement>('.chip')];
  const target =
    chips.find((c) => c.dataset.attachmentId === kept.id) ??
    chips[Math.min(kept.index, chips.length - 1)];
  (target?.querySelector<HTMLElement>('button') ?? emptied).focus();
}

/** `emptied` takes the focus when the chip that had it was the last one removed. */
export function renderAttachmentChips(
  list: HTMLElement,
  attachments: AttachmentView[],
  post: Post,
  emptied: HTMLElement,
): void {
  const kept = chipFocus(list);
  keepOnly(new Set(attachments.flatMap((a) => (a.pasteKey ? [a.pasteKey] : []))));
  list.replaceChildren(...attachments.map((a) => chip(a, post)));
  list.hidden = attachments.length === 0;
  if (kept) restoreChipFocus(list, kept, emptied);
}
