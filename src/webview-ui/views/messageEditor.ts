import type { AttachmentView } from '../../shared/protocol';
import { h, icon, textButton } from '../dom';
import { isImeKey } from '../keys';
import { revealInvisible } from '../markdown/invisible';
import { t } from '../strings';

/**
 * Edit in place: the question's text in a box, with the attachments that go with it again (the
 * host checks them once more when it sends). Enter or Send makes the new branch, Shift+Enter a new
 * line, Escape or Cancel puts the message back as it was.
 */
export class MessageEditor {
  readonly element: HTMLElement;
  readonly textarea: HTMLTextAreaElement;

  constructor(
    text: string,
    attachments: readonly AttachmentView[],
    private readonly onSend: (text: string) => void,
    private readonly onCancel: () => void,
  ) {
    this.textarea = h('textarea', {
      class: 'message-editor-input',
      rows: '3',
      'aria-label': t('editor'),
    });
    this.textarea.value = text;
    const files = attachments.map((a) =>
      h(
        'li',
        { class: 'chip' },
        icon(a.kind === 'file' ? 'file' : 'selection'),
        ` ${revealInvisible(a.name)}`,
      ),
    );
    this.element = h(
      'div',
      { class: 'message-editor' },
      this.textarea,
      files.length > 0
        ? h('ul', { class: 'message-attachments', 'aria-label': t('attachments') }, ...files)
        : null,
      h(
        'div',
        { class: 'button-row' },
        textButton(t('send'), () => this.send(), { icon: 'send' }),
        textButton(t('cancel'), () => this.onCancel(), { secondary: true }),
      ),
    );
    this.textarea.addEventListener('keydown', (event) => this.onKey(event));
  }

  focus(): void {
    this.textarea.focus();
    const end = this.textarea.value.length;
    this.textarea.setSelectionRange(end, end);
  }

  private send(): void {
    if (this.textarea.value.trim() !== '') this.onSend(this.textarea.value);
  }

  private onKey(event: KeyboardEvent): void {
    if (isImeKey(event)) return;
    if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault();
      this.send();
    } else if (event.key === 'Escape') {
      // Escape belongs to the editor here, not to the panel behind it.
      event.preventDefault();
      event.stopPropagation();
      this.onCancel();
    }
  }
}
