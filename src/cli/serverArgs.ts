// The commands that read what TwinExpert keeps on the server (conversations, one twin's details)
// and the key's quota. Kept apart from args.ts so the send/history parsing there stays short.
import { UsageError, forbid, type CommonOptions, type Values } from './args';

export type ServerCommand =
  | { kind: 'conversations'; twinId: string; page: number; limit: number; options: CommonOptions }
  | { kind: 'conversationHistory'; conversationId: string; options: CommonOptions }
  | { kind: 'twin'; twinId: string; options: CommonOptions }
  | { kind: 'status'; options: CommonOptions };

/** TwinExpert documents a maximum of 100 items per page (api-spec T1). */
const MAX_LIMIT = 100;
const DEFAULT_LIMIT = 20;

function positiveInteger(name: string, raw: string | undefined, fallback: number, max?: number) {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n < 1 || (max !== undefined && n > max))
    throw new UsageError(
      `--${name} must be a whole number from 1${max ? ` to ${max}` : ''}, got "${raw}".`,
    );
  return n;
}

/** The command, when `command` is one of these; undefined leaves it to args.ts. */
export function serverCommand(
  command: string,
  values: Values,
  words: string[],
  options: CommonOptions,
): ServerCommand | undefined {
  const others = ['conversation', 'bot', 'story', 'file'] as const;
  if (command === 'conversations') {
    if (words.length > 0) throw new UsageError(`Unexpected argument "${words[0]}".`);
    forbid(values, [...others], 'conversations');
    if (values.twin === undefined) throw new UsageError('conversations needs --twin <id>.');
    const page = positiveInteger('page', values.page, 1);
    const limit = positiveInteger('limit', values.limit, DEFAULT_LIMIT, MAX_LIMIT);
    return { kind: 'conversations', twinId: values.twin, page, limit, options };
  }
  if (command === 'twin') {
    forbid(values, ['twin', ...others, 'page', 'limit'], 'twin');
    if (words.length !== 1 || !words[0]) throw new UsageError('twin needs one twin id.');
    return { kind: 'twin', twinId: words[0], options };
  }
  if (command === 'status') {
    if (words.length > 0) throw new UsageError(`Unexpected argument "${words[0]}".`);
    forbid(values, ['twin', ...others, 'page', 'limit'], 'status');
    return { kind: 'status', options };
  }
  return undefined;
}
