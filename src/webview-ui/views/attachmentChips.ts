import type { AttachmentView } from '../../shared/protocol';
import type { Post } from '../actions';
import { h, icon, iconButton } from '../dom';
import { revealInvisible } from '../markdown/invisible';
import { t } from '../strings';
import { humanSize } from './format';

// Shows exactly what will be sent with the next message (design.md §5), each removable.

function chip(attachment: AttachmentView, post: Post): HTMLElement {
  // A file name with U+202E can read "photo\u202Egpj.exe" as "photoexe.jpg": show what it is.
  const shown = revealInvisible(attachment.name);
  const name = attachment.kind === 'selection' ? `${shown} (${t('selectionAttachment')})` : shown;
  return h(
    'li',
    { class: 'chip', 'data-attachment-id': attachment.id },
    icon(attachment.kind === 'file' ? 'file' : 'selection'),
    h('span', { class: 'chip-name' }, name),
    h('span', { class: 'chip-size' }, humanSize(attachment.size)),
    attachment.note ? h('span', { class: 'chip-note' }, attachment.note) : null,
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
  list.replaceChildren(...attachments.map((a) => chip(a, post)));
  list.hidden = attachments.length === 0;
}
