import type { ErrorActionId, ErrorView } from '../../shared/protocol';
import type { Post } from '../actions';
import { browserClock } from '../browserClock';
import { h, icon, textButton } from '../dom';
import { revealInvisible } from '../markdown/invisible';
import { t } from '../strings';

// One sentence from the host, the server's own words under it when it sent any, then one button
// per next step. A rate-limited error counts down before Retry is enabled, because retrying
// earlier would only fail again.

function retryButton(messageId: string, post: Post, waitSeconds: number): HTMLButtonElement {
  const button = textButton(t('retry'), () => post({ type: 'chat/retry', messageId }), {
    icon: 'refresh',
  });
  if (waitSeconds > 0) startCountdown(button, Math.ceil(waitSeconds));
  return button;
}

function startCountdown(button: HTMLButtonElement, seconds: number): void {
  const label = button.querySelector('span:last-child') ?? button;
  // Time left is read from the clock, not counted in ticks: timers run late or not at all while
  // the machine sleeps or the page is hidden, and Retry must be enabled once the wait is over.
  const deadline = browserClock.now() + seconds * 1000;
  const show = (): number => {
    const leftMs = deadline - browserClock.now();
    const left = Math.ceil(leftMs / 1000);
    button.disabled = left > 0;
    label.textContent = left > 0 ? t('retryIn', left) : t('retry');
    return leftMs;
  };
  const next = (leftMs: number): void => {
    if (leftMs <= 0) return;
    // Wakes when the shown second changes. Bounded: stops at zero or once the button is gone.
    browserClock.setTimer(
      () => {
        if (button.isConnected) next(show());
      },
      leftMs % 1000 || 1000,
    );
  };
  next(show());
}

function actionButton(
  action: ErrorActionId,
  messageId: string,
  post: Post,
  error: ErrorView,
): HTMLButtonElement {
  return action === 'retry'
    ? retryButton(messageId, post, error.retryAfterSeconds ?? 0)
    : commandButton(action, post);
}

/** A button that runs the host command helping with a failure (set a key, show the logs). */
export function commandButton(
  action: Exclude<ErrorActionId, 'retry'>,
  post: Post,
): HTMLButtonElement {
  switch (action) {
    case 'setTwinExpertKey':
      return textButton(
        t('setApiKey'),
        () => post({ type: 'command/run', command: 'setTwinExpertKey' }),
        { icon: 'key' },
      );
    case 'setKamiMindToken':
      return textButton(
        t('setToken'),
        () => post({ type: 'command/run', command: 'setKamiMindToken' }),
        { icon: 'key' },
      );
    case 'showLogs':
      return textButton(t('showLogs'), () => post({ type: 'command/run', command: 'showLogs' }), {
        icon: 'output',
        secondary: true,
      });
  }
}

/** The server's code and message, as text with hidden characters shown, and a way to copy them. */
function detailParts(error: ErrorView, post: Post): { line?: HTMLElement; copy?: HTMLElement } {
  if (!error.detail) return {};
  const shown = t('errorDetail', revealInvisible(error.detail));
  // What is copied is what is shown: the sentence and the details line, marks included.
  const text = `${revealInvisible(error.message)}\n${shown}`;
  return {
    line: h('p', { class: 'error-detail' }, shown),
    copy: textButton(t('copyDetails'), () => post({ type: 'error/copyDetails', text }), {
      icon: 'copy',
      secondary: true,
    }),
  };
}

export function renderError(error: ErrorView, messageId: string, post: Post): HTMLElement {
  const detail = detailParts(error, post);
  return h(
    'div',
    { class: 'message-error', 'data-kind': error.kind },
    h(
      'p',
      { class: 'error-text' },
      icon('error'),
      // Server text: hidden characters are shown, as in answers.
      ` ${revealInvisible(error.message)}`,
    ),
    detail.line,
    h(
      'div',
      { class: 'button-row' },
      ...error.actions.map((action) => actionButton(action, messageId, post, error)),
      detail.copy,
    ),
  );
}

/** After a crash or reload mid-answer: what is kept is shown, with a way to ask again. */
export function renderInterrupted(messageId: string, post: Post): HTMLElement {
  return h(
    'div',
    { class: 'message-note interrupted' },
    h('p', {}, t('interrupted')),
    h('div', { class: 'button-row' }, retryButton(messageId, post, 0)),
  );
}
