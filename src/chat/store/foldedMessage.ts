import type { Conversation } from '../model';
import { foldForSearch } from './foldText';
import { oneLine, plainText } from './plainText';

/** A message's text as the matcher compares it with a query, and as a snippet shows it. */
export interface FoldedMessage {
  /** Folded (foldText.ts), on one line. */
  readonly line: string;
  /** `line` without Markdown's code and emphasis marks, which may sit inside a word (`foo`bar``). */
  readonly bare: string;
  /** The plain text (plainText.ts): what a snippet shows when it holds the match. */
  readonly plain: string;
  /** `plain` folded: a phrase that crosses emphasis (`**retry** policy`) is found there. */
  readonly plainFolded: string;
}

/**
 * Folded lazily: `line` and `bare` turn away most messages; only those holding every word need
 * the plain text (a snippet, or a phrase found only there), and then once, not once per query.
 */
class Folded implements FoldedMessage {
  readonly line: string;
  readonly bare: string;
  private plainKnown: string | undefined;
  private plainFoldedKnown: string | undefined;

  /** `text` is what it was folded from: a message edited since is folded again. */
  constructor(readonly text: string) {
    this.line = foldForSearch(oneLine(text));
    this.bare = this.line.replace(/[`*_~]/g, '');
  }

  get plain(): string {
    return (this.plainKnown ??= plainText(this.text));
  }

  get plainFolded(): string {
    return (this.plainFoldedKnown ??= foldForSearch(this.plain));
  }
}

/**
 * Folding was most of a search's time: every query folded every message of every conversation
 * shown, and typing a query key by key shows the same conversations again and again. The
 * conversations search reads are cached (conversationCache.ts), so their messages are folded once;
 * held weakly, the folds go with the conversation when the cache lets it go. One array per
 * conversation, not one entry per message: at a heavy user's scale a per-message map held tens of
 * thousands of entries, and looking each message up there cost as much as matching it.
 */
const folds = new WeakMap<Conversation, Folded[]>();

/** Each message's folds, in order; a message whose text changed since is folded again. */
export function foldedMessages(conversation: Conversation): readonly FoldedMessage[] {
  const { messages } = conversation;
  let known = folds.get(conversation);
  if (!known) folds.set(conversation, (known = []));
  known.length = Math.min(known.length, messages.length);
  for (let i = 0; i < messages.length; i++) {
    const text = messages[i]?.text ?? '';
    if (known[i]?.text !== text) known[i] = new Folded(text);
  }
  return known;
}

/** `text` folded for the matcher, each time (a title: foldedMessages for messages). */
export function foldLine(text: string): FoldedMessage {
  return new Folded(text);
}
