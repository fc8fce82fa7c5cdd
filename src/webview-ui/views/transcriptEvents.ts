import type { Post } from '../actions';
import { codeForButton, type CodeAction } from '../markdown/codeBlock';
import { isWebUrl } from '../markdown/renderer';

// One delegated listener for everything rendered from markdown: blocks are re-rendered while
// streaming, and per-element listeners would have to be re-attached every frame.

function runCodeAction(button: Element, action: CodeAction, post: Post): void {
  const target = codeForButton(button);
  if (!target) return;
  switch (action) {
    case 'copy':
      post({ type: 'code/copy', code: target.code });
      return;
    case 'insert':
      post({ type: 'code/insert', code: target.code });
      return;
    case 'open':
      post({ type: 'code/open', code: target.code, language: target.language });
      return;
  }
}

function isCodeAction(value: string | null): value is CodeAction {
  return value === 'copy' || value === 'insert' || value === 'open';
}

function openLink(url: string, post: Post, onLink: (url: string) => void): void {
  // The full URL is always shown; only web links go to the host, which asks before opening.
  onLink(url);
  if (isWebUrl(url)) post({ type: 'link/open', url });
}

function activate(target: EventTarget | null, post: Post, onLink: (url: string) => void): boolean {
  if (!(target instanceof Element)) return false;
  const actionButton = target.closest('[data-action]');
  const action = actionButton?.getAttribute('data-action') ?? null;
  if (actionButton && isCodeAction(action)) {
    runCodeAction(actionButton, action, post);
    return true;
  }
  const link = target.closest('[data-url]');
  const url = link?.getAttribute('data-url');
  if (!url) return false;
  openLink(url, post, onLink);
  return true;
}

export function handleTranscriptClick(
  event: MouseEvent,
  post: Post,
  onLink: (url: string) => void,
): void {
  if (activate(event.target, post, onLink)) event.preventDefault();
}

/** Links are <a> without href (so nothing can navigate); Enter must work on them like on a link. */
export function handleTranscriptKey(
  event: KeyboardEvent,
  post: Post,
  onLink: (url: string) => void,
): void {
  if (event.key !== 'Enter' || !(event.target instanceof HTMLAnchorElement)) return;
  if (activate(event.target, post, onLink)) event.preventDefault();
}
