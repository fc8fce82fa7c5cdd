import type MarkdownIt from 'markdown-it';
import type { AttachmentView, MessageView } from '../../shared/protocol';
import type { Post } from '../actions';
import { h, icon } from '../dom';
import { scheduleFrame, schedulePaced, type Pace } from '../frame';
import { StreamingMarkdown } from '../markdown/streamingMarkdown';
import { t } from '../strings';
import { humanSize } from './format';
import { renderError, renderInterrupted } from './errorView';

/**
 * While an answer streams, its tail is redrawn about 20 times a second (see frame.ts for why not
 * on every frame); 50 ms is below what a reader perceives as stutter in arriving text. The final
 * text, and anything that is not a delta, is drawn in the next frame.
 */
const STREAM_PACE: Pace = { minIntervalMs: 50, costFactor: 4 };

/**
 * One message in the transcript. Deltas only append to `message.text` and schedule a frame; the
 * frame renders the markdown tail and the footer once, however many deltas arrived in between.
 */
export class MessageItem {
  readonly element: HTMLElement;
  private readonly body: HTMLElement;
  private readonly footer: HTMLElement;
  private readonly markdown: StreamingMarkdown | undefined;
  private renderedFooter: string | undefined;
  /** Only deltas changed the text since the last render, so it still extends what is shown. */
  private onlyAppended = false;

  constructor(
    private message: MessageView,
    md: MarkdownIt,
    private readonly post: Post,
  ) {
    const isUser = message.role === 'user';
    this.body = h('div', {
      class: isUser ? 'message-body user-text' : 'message-body markdown-body',
    });
    this.footer = h('div', { class: 'message-footer' });
    this.element = h(
      'article',
      {
        class: `message ${message.role}`,
        'data-message-id': message.id,
        'aria-label': isUser ? t('you') : t('assistant'),
      },
      h(
        'div',
        { class: 'message-header' },
        icon(isUser ? 'account' : 'hubot'),
        h('span', {}, isUser ? t('you') : t('assistant')),
      ),
      this.body,
      isUser ? renderAttachments(message.attachments ?? []) : null,
      this.footer,
    );
    this.markdown = isUser ? undefined : new StreamingMarkdown(this.body, md);
    this.render();
  }

  get id(): string {
    return this.message.id;
  }

  get status(): MessageView['status'] {
    return this.message.status;
  }

  appendDelta(text: string): void {
    this.message = { ...this.message, text: this.message.text + text };
    schedulePaced(this, () => this.render(), STREAM_PACE);
  }

  setProgress(progress: string): void {
    this.message = { ...this.message, progress };
    scheduleFrame(this, () => this.render());
  }

  /** The host's final (or re-sent) copy of the message replaces what was streamed. */
  replace(message: MessageView): void {
    this.message = message;
    this.onlyAppended = false;
    scheduleFrame(this, () => this.render());
  }

  /** Renders immediately, for tests and for the benchmark's "render once" baseline. */
  render(): void {
    const { text, status } = this.message;
    if (this.markdown) this.markdown.update(text, status !== 'streaming', this.onlyAppended);
    else this.body.textContent = text;
    this.onlyAppended = true;
    this.renderFooter();
  }

  private renderFooter(): void {
    const { status, progress, error } = this.message;
    // The footer holds timers and buttons: rebuild it only when what it shows changed.
    const key = JSON.stringify([status, status === 'streaming' ? progress : undefined, error]);
    if (key === this.renderedFooter) return;
    this.renderedFooter = key;
    this.footer.replaceChildren(...this.footerContent());
  }

  private footerContent(): HTMLElement[] {
    const { id, status, progress, error } = this.message;
    switch (status) {
      case 'streaming':
        return [
          h(
            'p',
            { class: 'progress-line', role: 'status' },
            h('span', {
              class: 'codicon codicon-loading codicon-modifier-spin',
              'aria-hidden': 'true',
            }),
            ` ${progress || t('answering')}`,
          ),
        ];
      case 'stopped':
        return [h('p', { class: 'message-note stopped' }, icon('debug-stop'), ` ${t('stopped')}`)];
      case 'interrupted':
        return [renderInterrupted(id, this.post)];
      case 'error':
        return error ? [renderError(error, id, this.post)] : [];
      case 'complete':
        return [];
    }
  }
}

function renderAttachments(attachments: AttachmentView[]): HTMLElement | null {
  if (attachments.length === 0) return null;
  return h(
    'ul',
    { class: 'message-attachments', 'aria-label': t('attachments') },
    ...attachments.map((a) =>
      h(
        'li',
        { class: 'chip' },
        icon(a.kind === 'file' ? 'file' : 'selection'),
        ` ${a.name} (${humanSize(a.size)})`,
      ),
    ),
  );
}
