import type { Post } from '../actions';
import { codeForButton, type CodeAction } from '../markdown/codeBlock';
import { showCopied } from '../markdown/copyFeedback';
import { isWebUrl } from '../markdown/renderer';

// One delegated listener for everything rendered from markdown: blocks are re-rendered while
// streaming, and per-element listeners would have to be re-attached every frame.

/** What the transcript's delegated listeners need from the rest of the view. */
export interface TranscriptActions {
  post: Post;
  onLink: (url: string) => void;
  announce: (text: string) => void;
}

function runCodeAction(button: Element, action: CodeAction, actions: TranscriptActions): void {
  const target = codeForButton(button);
  if (!target) return;
  const { post } = actions;
  switch (action) {
    case 'copy':
      post({ type: 'code/copy', code: target.code });
      if (button instanceof HTMLElement) showCopied(button, actions.announce);
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

function activate(target: EventTarget | null, actions: TranscriptActions): boolean {
  if (!(target instanceof Element)) return false;
  const actionButton = target.closest('[data-action]');
  const action = actionButton?.getAttribute('data-action') ?? null;
  if (actionButton && isCodeAction(action)) {
    runCodeAction(actionButton, action, actions);
    return true;
  }
  const link = target.closest('[data-url]');
  const url = link?.getAttribute('data-url');
  if (!url) return false;
  openLink(url, actions.post, actions.onLink);
  return true;
}

export function handleTranscriptClick(event: MouseEvent, actions: TranscriptActions): void {
  if (activate(event.target, actions)) event.preventDefault();
}

/** Links are <a> without href (so nothing can navigate); Enter must work on them like on a link. */
export function handleTranscriptKey(event: KeyboardEvent, actions: TranscriptActions): void {
  if (event.key !== 'Enter' || !(event.target instanceof HTMLAnchorElement)) return;
  if (activate(event.target, actions)) event.preventDefault();
}
