import type { Post } from '../actions';
import { h, iconButton } from '../dom';
import { t } from '../strings';
import { copyIconButton } from './copyButton';
import { TargetPicker } from './targetPicker';

/** Top bar: who to talk to, New Chat, and the button that opens the conversation list. */
export class Header {
  readonly element: HTMLElement;
  readonly picker: TargetPicker;
  readonly historyToggle: HTMLButtonElement;

  /** `afterNewChat` moves on to where the user goes next: the message box. */
  constructor(
    post: Post,
    toggleHistory: () => void,
    afterNewChat: () => void,
    announce: (text: string) => void,
  ) {
    this.picker = new TargetPicker(post);
    const newChat = iconButton('add', t('newChat'), () => {
      post({ type: 'chat/new' });
      afterNewChat();
    });
    const copy = copyIconButton(
      t('copyConversation'),
      () => post({ type: 'conversation/copy' }),
      announce,
    );
    copy.classList.add('copy-conversation');
    this.historyToggle = iconButton('history', t('conversations'), toggleHistory);
    this.historyToggle.setAttribute('aria-expanded', 'false');
    this.element = h(
      'header',
      { class: 'header' },
      this.picker.element,
      h('div', { class: 'header-actions' }, newChat, copy, this.historyToggle),
    );
  }

  setHistoryOpen(open: boolean): void {
    this.historyToggle.setAttribute('aria-expanded', String(open));
    this.historyToggle.classList.toggle('active', open);
  }
}
