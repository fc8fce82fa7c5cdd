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

export function renderAttachmentChips(
  list: HTMLElement,
  attachments: AttachmentView[],
  post: Post,
): void {
  keepOnly(new Set(attachments.flatMap((a) => (a.pasteKey ? [a.pasteKey] : []))));
  list.replaceChildren(...attachments.map((a) => chip(a, post)));
  list.hidden = attachments.length === 0;
}
