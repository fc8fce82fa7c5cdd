import type { StoredMessage } from '../model';
import { foldForSearch } from './foldText';

/** A message's text as the matcher compares it with a query. */
export interface FoldedMessage {
  /** Folded (foldText.ts), on one line. */
  line: string;
  /** `line` without Markdown's code and emphasis marks, which may sit inside a word (`foo`bar``). */
  bare: string;
}

interface Folded extends FoldedMessage {
  /** The text it was folded from: a message edited since is folded again. */
  text: string;
}

/**
 * Folding was most of a search's time: every query folded every message of every conversation
 * shown, and typing a query key by key shows the same conversations again and again. The
 * conversations search reads are cached (conversationCache.ts), so their messages are folded once;
 * held weakly, a fold goes with its message when the cache lets the conversation go.
 */
const folds = new WeakMap<StoredMessage, Folded>();

export function foldedMessage(message: StoredMessage): FoldedMessage {
  const known = folds.get(message);
  if (known?.text === message.text) return known;
  const folded = { text: message.text, ...foldLine(message.text) };
  folds.set(message, folded);
  return folded;
}

/** `text` folded for the matcher, each time (a title: foldedMessage for messages). */
export function foldLine(text: string): FoldedMessage {
  const line = foldForSearch(text.replace(/\s+/g, ' ').trim());
  return { line, bare: line.replace(/[`*_~]/g, '') };
}
