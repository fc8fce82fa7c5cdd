import type { ActiveRequest, AttachmentView, MentionFile } from '../../shared/protocol';
import type { Post } from '../actions';
import { h, icon, iconButton } from '../dom';
import type { DraftKeeper } from '../draft';
import { isImeKey } from '../keys';
import type { SavedStateStore } from '../savedState';
import { t } from '../strings';
import { renderAttachmentChips } from './attachmentChips';
import { installImagePaste } from './imagePaste';
import { MentionPicker } from './mentionPicker';

/** The input area: attachment chips, the message box, Attach, and Send (which becomes Stop). */
export class Composer {
  readonly element: HTMLElement;
  readonly textarea: HTMLTextAreaElement;
  private readonly chips: HTMLElement;
  private readonly sendButton: HTMLButtonElement;
  private readonly mentions: MentionPicker;
  /** Why something dropped or pasted was not taken; cleared by the next edit. */
  private readonly noticeLine = h('p', { class: 'composer-notice', role: 'status' });
  private active: ActiveRequest | undefined;
  /** Shift+Up in an empty box: edit the last question in place; false when there is none. */
  onEditLast: (() => boolean) | undefined;

  constructor(
    private readonly post: Post,
    private readonly draft: DraftKeeper,
    private readonly saved: SavedStateStore,
  ) {
    this.chips = h('ul', { class: 'chips', 'aria-label': t('attachments') });
    this.textarea = h('textarea', {
      class: 'message-input',
      rows: '3',
      'aria-label': t('message'),
      placeholder: t('messagePlaceholder'),
    });
    this.sendButton = h('button', { type: 'button', class: 'send-button' });
    const attach = iconButton('attach', t('attachFile'), () =>
      post({ type: 'command/run', command: 'attachFile' }),
    );
    this.mentions = new MentionPicker(this.textarea, post, (text) => this.draft.changed(text));
    this.noticeLine.hidden = true;
    this.element = h(
      'div',
      { class: 'composer' },
      this.chips,
      this.noticeLine,
      this.mentions.element,
      this.textarea,
      h('div', { class: 'composer-actions' }, attach, this.sendButton),
    );
    installImagePaste(this.textarea, post, (text) => this.notice(text));
    this.textarea.addEventListener('input', () => {
      this.noticeLine.hidden = true;
      this.draft.changed(this.textarea.value);
    });
    this.textarea.addEventListener('keydown', (event) => this.onKey(event));
    this.sendButton.addEventListener('click', (event) => this.onSendButton(event));
    this.setActive(undefined);
    renderAttachmentChips(this.chips, [], post, this.textarea);
  }

  setDraft(text: string): void {
    this.textarea.value = text;
  }

  setDraftFromHost(text: string): void {
    this.textarea.value = text;
    this.draft.setFromHost(text);
  }

  setAttachments(attachments: AttachmentView[]): void {
    renderAttachmentChips(this.chips, attachments, this.post, this.textarea);
  }

  mentionResults(query: string, files: MentionFile[]): void {
    this.mentions.results(query, files);
  }

  /** One sentence under the chips: why a drop or paste was not taken. */
  notice(text: string): void {
    this.noticeLine.textContent = text;
    this.noticeLine.hidden = false;
  }

  /** While a request streams the Send button is the Stop button for it. */
  setActive(active: ActiveRequest | undefined): void {
    this.active = active;
    const label = active ? t('stop') : t('send');
    // Both words share one grid cell and the hidden one keeps its width, so the button is as wide
    // as the longer word in either state (in any language) and does not jump under the pointer.
    this.sendButton.replaceChildren(
      icon(active ? 'debug-stop' : 'send'),
      h(
        'span',
        { class: 'send-labels', 'aria-hidden': 'true' },
        h('span', active ? { class: 'unshown' } : {}, t('send')),
        h('span', active ? {} : { class: 'unshown' }, t('stop')),
      ),
    );
    this.sendButton.setAttribute('aria-label', label);
    this.sendButton.classList.toggle('stop', active !== undefined);
  }

  hasText(): boolean {
    return this.textarea.value.trim() !== '';
  }

  focus(): void {
    this.textarea.focus();
  }

  private onSendButton(event: MouseEvent): void {
    // Send becomes Stop in the same place, so the second click of a double-click on Send would
    // stop the answer it just asked for; a click counted as the second (detail > 1) stops nothing.
    if (this.active) {
      if (event.detail <= 1) this.post({ type: 'chat/cancel', requestId: this.active.requestId });
    } else this.send();
  }

  private onKey(event: KeyboardEvent): void {
    if (isImeKey(event) || this.mentions.onKey(event)) return;
    if (event.key === 'ArrowUp' && event.shiftKey && this.textarea.value === '') {
      if (this.onEditLast?.()) event.preventDefault();
    } else if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault();
      if (!this.active) this.send();
    } else if (event.key === 'ArrowUp' && this.textarea.value === '') {
      // Only into an empty box: a typed draft replaced by script is gone, not even Undo brings it back.
      this.recallLastSent(event);
    }
  }

  private send(): void {
    const text = this.textarea.value;
    if (text.trim() === '') return;
    this.post({ type: 'chat/send', text });
    this.saved.update({ lastSent: text });
    this.textarea.value = '';
    this.draft.cleared();
  }

  private recallLastSent(event: KeyboardEvent): void {
    const last = this.saved.get().lastSent;
    if (!last) return;
    event.preventDefault();
    this.textarea.value = last;
    this.textarea.setSelectionRange(last.length, last.length);
    this.draft.changed(last);
  }
}
