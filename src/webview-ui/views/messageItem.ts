import type MarkdownIt from 'markdown-it';
import type { AttachmentView, MessageView } from '../../shared/protocol';
import type { Post } from '../actions';
import { h, icon, iconButton, nameBeyondTooltip, spinningIcon } from '../dom';
import { browserClock, frames } from '../browserClock';
import type { TimerId } from '../clock';
import type { Pace } from '../frameScheduler';
import { revealInvisible } from '../markdown/invisible';
import { StreamingMarkdown } from '../markdown/streamingMarkdown';
import { t } from '../strings';
import { fullTime, humanSize, messageTime } from './format';
import { renderError, renderInterrupted } from './errorView';
import { renderBranchMarker } from './branchSwitcher';
import { renderMessageActions, type MessageControls } from './messageActions';
import { MessageEditor } from './messageEditor';

/**
 * While an answer streams, its tail is redrawn in the next animation frame, so new text is on
 * screen within a frame of arriving: any longer pace adds its wait to every delta. Only a tail
 * that is slow to render (one huge table or list) is redrawn less often, so it cannot fall behind
 * the stream (see frameScheduler.ts). Measurements: docs/ARCHITECTURE.md, "Why the streaming path
 * looks like this".
 */
const STREAM_PACE: Pace = { minIntervalMs: 0, costFactor: 4 };

/**
 * While text is arriving, the growing answer is the progress indicator and the spinner stands
 * still: its animation costs the webview's main thread in every frame, on top of drawing the new
 * text (figures in docs/ARCHITECTURE.md, "Why the streaming path looks like this"). It spins again
 * when nothing has arrived for this long, so a slow or stalled answer still shows it is being
 * waited on.
 */
const QUIET_BEFORE_SPINNING_MS = 1_000;

export interface MessageItemOptions {
  /** The conversation's twin or bot. */
  answerer?: string;
  /** The renderer for the user's own text (same sanitising, typed newlines kept). */
  userMarkdown?: MarkdownIt;
  /** Edit, Regenerate, Copy, Delete and the version switcher; absent, the message has none. */
  controls?: MessageControls;
  /**
   * Build the controls only once the pointer or focus comes to the message: for history rendered
   * in idle time as the reader scrolls, where building them for every message tripled the time.
   */
  lazyControls?: boolean;
}

/**
 * One message in the transcript. Deltas only append to `message.text` and schedule a frame; the
 * frame renders the markdown tail and the footer once, however many deltas arrived in between.
 */
export class MessageItem {
  readonly element: HTMLElement;
  private readonly body: HTMLElement;
  private readonly footer: HTMLElement;
  /** When the question was sent or the answer finished; empty while an answer streams. */
  private readonly time = h('span', { class: 'message-time' });
  private readonly markdown: StreamingMarkdown;
  private renderedFooter: string | undefined;
  /**
   * The deltas that arrived since the last render, or undefined when the whole message must be
   * shown again (first render, or the host replaced the message).
   */
  private unrendered: string | undefined;
  private quietTimer: TimerId | undefined;
  private readonly actions = h('div', { class: 'message-actions-slot' });
  private renderedActions: string | undefined;
  private readonly controls: MessageControls | undefined;
  /** Who the header says wrote the message: "You", the twin or bot, or "Assistant". */
  private readonly speaker: string;
  private editor: MessageEditor | undefined;
  private actionsWanted: boolean;

  /**
   * `options.answerer` names who answers: the conversation's twin or bot, shown on its answers (the
   * export uses the same name); "Assistant" only when the conversation has no target.
   */
  constructor(
    private message: MessageView,
    md: MarkdownIt,
    private readonly post: Post,
    options: MessageItemOptions = {},
  ) {
    const { answerer, userMarkdown = md } = options;
    this.controls = options.controls;
    this.actionsWanted = !options.lazyControls;
    const isUser = message.role === 'user';
    const speaker = isUser ? t('you') : revealInvisible(answerer ?? '') || t('assistant');
    this.speaker = speaker;
    // The user's own text is Markdown too (a sent selection arrives fenced), rendered through the
    // same sanitising pipeline as answers: it is shown as markup, never as raw HTML.
    this.body = h('div', {
      class: isUser ? 'message-body markdown-body user-text' : 'message-body markdown-body',
    });
    this.footer = h('div', { class: 'message-footer' });
    this.element = h(
      'article',
      {
        class: `message ${message.role}`,
        'data-message-id': message.id,
        'aria-label': speaker,
      },
      h(
        'div',
        { class: 'message-header' },
        icon(isUser ? 'account' : 'hubot'),
        h('span', { class: 'message-speaker' }, speaker),
        this.time,
      ),
      renderBranchMarker(message.branch),
      this.body,
      isUser ? renderAttachments(message.attachments ?? []) : null,
      this.footer,
      this.actions,
    );
    this.markdown = new StreamingMarkdown(this.body, isUser ? userMarkdown : md);
    if (!this.actionsWanted) {
      const want = () => this.showActions();
      this.element.addEventListener('pointerenter', want, { once: true });
      this.element.addEventListener('focusin', want, { once: true });
    }
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
    if (this.unrendered !== undefined) this.unrendered += text;
    frames.schedulePaced(this, () => this.renderStreamed(), STREAM_PACE);
    this.markReceiving();
  }

  /** Stills the spinner until the text pauses (the class is on the small footer, cheap to restyle). */
  private markReceiving(): void {
    if (this.quietTimer === undefined) this.footer.classList.add('receiving');
    else browserClock.clearTimer(this.quietTimer);
    this.quietTimer = browserClock.setTimer(() => {
      this.quietTimer = undefined;
      this.footer.classList.remove('receiving');
    }, QUIET_BEFORE_SPINNING_MS);
  }

  setProgress(progress: string): void {
    this.message = { ...this.message, progress };
    frames.schedule(this, () => this.render());
  }

  /** The host's final (or re-sent) copy of the message replaces what was streamed. */
  replace(message: MessageView): void {
    this.message = message;
    this.unrendered = undefined;
    frames.schedule(this, () => this.render());
  }

  /** Renders immediately, for tests and for the benchmark's "render once" baseline. */
  render(): void {
    const { text, status } = this.message;
    const streaming = status === 'streaming';
    if (streaming && this.unrendered !== undefined) this.markdown.append(this.unrendered);
    else this.markdown.show(text, !streaming);
    this.unrendered = '';
    this.renderFooter();
    this.renderTime();
    this.renderActions();
  }

  /**
   * Where deferred controls will be: one Tab stop, so a keyboard user reaches a message that has
   * nothing else focusable. Reaching it builds the controls and moves focus to the first.
   */
  private controlsPlaceholder(subject: string): HTMLElement {
    const placeholder = iconButton('ellipsis', t('messageActions'), () => undefined);
    nameBeyondTooltip(placeholder, t('controlForMessage', t('messageActions'), subject));
    placeholder.addEventListener('focus', () => {
      this.showActions();
      // The first control that can take focus: some are hidden (Regenerate off the last answer).
      const buttons = [...this.actions.querySelectorAll<HTMLButtonElement>('button')];
      buttons.find((b) => !b.disabled && b.getClientRects().length > 0)?.focus();
    });
    return placeholder;
  }

  /** Builds the message's controls now if they were left for later (lazyControls). */
  showActions(): void {
    this.actionsWanted = true;
    this.renderActions();
  }

  /** Opens the inline editor on a question: its text back in a box, Send makes a branch. */
  startEdit(): void {
    const controls = this.controls;
    if (!controls || this.message.role !== 'user' || this.editor) return;
    const editor = new MessageEditor(
      this.message.text,
      this.message.attachments ?? [],
      (text) => controls.post({ type: 'chat/edit', messageId: this.message.id, text }),
      () => this.endEdit(),
    );
    this.editor = editor;
    this.element.classList.add('editing');
    this.body.after(editor.element);
    editor.focus();
  }

  private endEdit(): void {
    this.editor?.element.remove();
    this.editor = undefined;
    this.element.classList.remove('editing');
    this.actions.querySelector<HTMLElement>('.edit-message')?.focus();
  }

  private renderActions(): void {
    const { controls, actionsWanted } = this;
    if (!controls) return;
    const { status, siblingIds } = this.message;
    const subject = this.subject();
    const key = JSON.stringify([actionsWanted, status, siblingIds, subject]);
    if (key === this.renderedActions) return;
    this.renderedActions = key;
    this.actions.replaceChildren(
      actionsWanted
        ? renderMessageActions(this.message, controls, () => this.startEdit(), subject)
        : this.controlsPlaceholder(subject),
    );
  }

  /**
   * Which message this is, as its header shows it (after renderTime), for the names of its
   * controls: "your message, 10:42" or "answer from Ada, 10:43". Every message has the same Copy,
   * Edit…; a screen reader listing the buttons or Tabbing through them says which each acts on.
   */
  private subject(): string {
    const time = this.time.textContent;
    if (!time) return this.speaker;
    return this.message.role === 'user'
      ? t('yourMessageAt', time)
      : t('answerFromAt', this.speaker, time);
  }

  private renderTime(): void {
    const { role, status, createdAt, finishedAt } = this.message;
    const when =
      role === 'user' ? createdAt : status === 'streaming' ? undefined : (finishedAt ?? createdAt);
    const iso = when === undefined ? '' : new Date(when).toISOString();
    if (this.time.getAttribute('data-datetime') === iso) return;
    this.time.setAttribute('data-datetime', iso);
    this.time.textContent = when === undefined ? '' : messageTime(when);
    this.time.title = when === undefined ? '' : fullTime(when);
  }

  /**
   * Renders a delta's frame; returns the milliseconds that recur on every redraw (the tail), for
   * the pace: rendering blocks that just completed happens once per block.
   */
  private renderStreamed(): number {
    const start = browserClock.now();
    this.render();
    return Math.max(0, browserClock.now() - start - this.markdown.lastOneTimeMs);
  }

  private renderFooter(): void {
    const { status, error } = this.message;
    // The footer holds timers and buttons: rebuild it only when what it shows changed.
    const key = JSON.stringify([status, status === 'streaming' ? this.progressText() : '', error]);
    if (key === this.renderedFooter) return;
    this.renderedFooter = key;
    this.footer.replaceChildren(...this.footerContent());
  }

  /**
   * The server's progress ("thinking", "searching") describes the wait before the answer; once
   * text streams it is stale, and the line just says the answer is still coming.
   */
  private progressText(): string {
    const { text, progress } = this.message;
    if (text.length > 0) return t('answering');
    return revealInvisible(progress ?? '') || t('answering');
  }

  private footerContent(): HTMLElement[] {
    const { id, status, error } = this.message;
    switch (status) {
      case 'streaming':
        return [
          h(
            'p',
            { class: 'progress-line', role: 'status' },
            spinningIcon('loading'),
            ` ${this.progressText()}`,
          ),
        ];
      case 'stopped':
        // Not a square: a hollow one reads as an unticked checkbox.
        return [
          h('p', { class: 'message-note stopped' }, icon('circle-slash'), ` ${t('stopped')}`),
        ];
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
        ` ${revealInvisible(a.name)} (${humanSize(a.size)})`,
      ),
    ),
  );
}
