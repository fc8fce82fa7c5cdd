import type MarkdownIt from 'markdown-it';
import type { ConversationView, MessageView } from '../../shared/protocol';
import type { Post } from '../actions';
import { h, textButton } from '../dom';
import { onFrameFlushed } from '../frame';
import { ScrollFollower } from '../scroll';
import { t } from '../strings';
import { handleTranscriptClick, handleTranscriptKey } from './transcriptEvents';
import { MessageItem } from './messageItem';

// Long histories are rendered lazily: the newest PAGE_SIZE messages first, older pages when the
// reader scrolls to the top (or presses the button there).
const PAGE_SIZE = 50;
const LOAD_MORE_THRESHOLD_PX = 80;

export class Transcript {
  readonly element: HTMLElement;
  private readonly list: HTMLElement;
  private readonly loadEarlier: HTMLButtonElement;
  private readonly empty: HTMLElement;
  private readonly follower: ScrollFollower;
  private items = new Map<string, MessageItem>();
  private unrendered: MessageView[] = [];

  constructor(
    private readonly md: MarkdownIt,
    private readonly post: Post,
    onLink: (url: string) => void,
  ) {
    this.loadEarlier = textButton(t('loadEarlier'), () => this.renderEarlier(), {
      icon: 'fold-up',
      secondary: true,
    });
    this.loadEarlier.classList.add('load-earlier');
    this.empty = h('p', { class: 'transcript-empty' }, t('emptyConversation'));
    this.list = h('div', { class: 'messages' });
    this.element = h(
      'section',
      { class: 'transcript', 'aria-label': t('transcript'), tabindex: '-1' },
      this.loadEarlier,
      this.empty,
      this.list,
    );
    this.follower = new ScrollFollower(this.element, this.list);
    this.element.addEventListener('click', (event) => handleTranscriptClick(event, post, onLink));
    this.element.addEventListener('keydown', (event) => handleTranscriptKey(event, post, onLink));
    this.element.addEventListener('scroll', () => this.maybeLoadEarlier(), { passive: true });
    onFrameFlushed(() => this.follower.follow());
  }

  show(conversation: ConversationView): void {
    this.items = new Map();
    this.list.replaceChildren();
    this.unrendered = conversation.messages.slice(0, -PAGE_SIZE);
    for (const message of conversation.messages.slice(-PAGE_SIZE))
      this.list.append(this.createItem(message).element);
    this.updateChrome();
    this.follower.toBottom();
  }

  add(message: MessageView): MessageItem {
    const item = this.createItem(message);
    this.list.append(item.element);
    this.updateChrome();
    this.follower.toBottom();
    return item;
  }

  item(id: string): MessageItem | undefined {
    return this.items.get(id);
  }

  private createItem(message: MessageView): MessageItem {
    const item = new MessageItem(message, this.md, this.post);
    this.items.set(message.id, item);
    return item;
  }

  private renderEarlier(): void {
    const page = this.unrendered.splice(-PAGE_SIZE, PAGE_SIZE);
    if (page.length === 0) return;
    this.follower.preserveWhileInsertingAbove(() => {
      this.list.prepend(...page.map((message) => this.createItem(message).element));
      this.updateChrome();
    });
  }

  private maybeLoadEarlier(): void {
    if (this.unrendered.length > 0 && this.element.scrollTop < LOAD_MORE_THRESHOLD_PX)
      this.renderEarlier();
  }

  private updateChrome(): void {
    this.loadEarlier.hidden = this.unrendered.length === 0;
    this.empty.hidden = this.items.size > 0;
  }
}
