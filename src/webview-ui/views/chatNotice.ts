import { h } from '../dom';

/**
 * One line above the conversation for something the host did on the user's behalf, such as
 * starting a new chat because another twin was chosen. It goes once the user moves on: another
 * conversation is shown or a message is sent.
 */
export class ChatNotice {
  readonly element = h('p', { class: 'chat-notice', role: 'status' });

  constructor() {
    this.element.hidden = true;
  }

  show(text: string): void {
    this.element.textContent = text;
    this.element.hidden = false;
  }

  clear(): void {
    this.element.textContent = '';
    this.element.hidden = true;
  }
}
