import { h, icon } from '../dom';
import type { IconName } from '../icons';
import { t } from '../strings';
import { hasRevealedMarks } from './invisible';

// Code blocks get a toolbar whose buttons carry a data-action; the transcript handles all clicks in
// one delegated listener, so re-rendering a block never leaves stale listeners behind.

export type CodeAction = 'copy' | 'insert' | 'open';

function languageOf(code: Element): string {
  const match = /(?:^|\s)language-([\w#+.-]+)/.exec(code.getAttribute('class') ?? '');
  return match?.[1] ?? '';
}

function actionButton(action: CodeAction, iconName: IconName, label: string): HTMLButtonElement {
  return h(
    'button',
    {
      type: 'button',
      class: 'icon-button',
      'data-action': action,
      'aria-label': label,
      title: label,
    },
    icon(iconName),
  );
}

function toolbar(language: string): HTMLElement {
  const name = language || t('plainText');
  return h(
    'div',
    { class: 'code-toolbar', role: 'toolbar', 'aria-label': t('codeActions', name) },
    h('span', { class: 'code-language' }, name),
    actionButton('copy', 'copy', t('copy')),
    actionButton('insert', 'insert', t('insertAtCursor')),
    actionButton('open', 'go-to-file', t('openInEditor')),
  );
}

/**
 * Shown above code that held hidden characters, next to Copy and Insert, so the warning is read
 * before the code is used rather than in a dialog after every click. The marks are part of the
 * code's text, so what Copy and Insert take cannot carry the hidden characters themselves.
 */
function hiddenCharacterNote(): HTMLElement {
  return h(
    'p',
    { class: 'code-hidden-note', role: 'note' },
    icon('warning'),
    h('span', {}, t('hiddenCharactersInCode')),
  );
}

/** Wraps every `pre > code` of the fragment in a block with its toolbar. */
export function decorateCodeBlocks(root: DocumentFragment): void {
  for (const code of Array.from(root.querySelectorAll('pre > code'))) {
    const pre = code.parentElement;
    if (!pre?.parentNode) continue;
    const language = languageOf(code);
    const block = h('div', { class: 'code-block', 'data-language': language });
    pre.parentNode.replaceChild(block, pre);
    block.append(toolbar(language), pre);
    if (hasRevealedMarks(code.textContent ?? '')) {
      block.setAttribute('data-hidden-characters', 'true');
      pre.before(hiddenCharacterNote());
    }
    pre.setAttribute('tabindex', '0');
  }
}

/** The code and language behind a toolbar button, for the host messages. */
export function codeForButton(button: Element): { code: string; language: string } | undefined {
  const block = button.closest('.code-block');
  const code = block?.querySelector('pre > code');
  if (!block || !code) return undefined;
  return { code: code.textContent ?? '', language: block.getAttribute('data-language') ?? '' };
}
