import { ProviderError } from '../providers/errors';
import { localized } from '../shared/localized';

// How much of one answer is kept. A hostile or broken server can stream without end; without a
// cap the extension host grows until it falls over and each checkpoint rewrites a bigger file.

/** One MB of answer is this many characters (UTF-16 code units, as `String.length` counts). */
export const CHARS_PER_MB = 1024 * 1024;

/**
 * A million characters: hundreds of times a long real answer. Every megabyte kept costs the
 * extension host about 15 MB on its way to the view and the disk (bench/answerCap.ts: 27 MB added
 * at 1 MB, 81 MB at 4 MB), so a larger default would break the budget of the cap plus 30 MB.
 */
export const DEFAULT_MAX_ANSWER_MB = 1;

/**
 * The manifest's maximum. VS Code only warns about a larger value in settings.json, and at that
 * cost per megabyte a cap of thousands would let one endless answer take the extension host down.
 */
export const MAX_ANSWER_MB = 64;

/** The setting in MB as a character count, falling back to the default for nonsense values. */
export function answerCapChars(megabytes: number | undefined): number {
  const mb =
    megabytes !== undefined && Number.isFinite(megabytes) && megabytes > 0
      ? Math.min(megabytes, MAX_ANSWER_MB)
      : DEFAULT_MAX_ANSWER_MB;
  return Math.max(1, Math.floor(mb * CHARS_PER_MB));
}

/** At most `max` characters of `text`, never splitting a surrogate pair (half an emoji). */
export function keepWithin(text: string, max: number): string {
  if (text.length <= max) return text;
  const end = Math.max(0, max);
  const last = text.charCodeAt(end - 1);
  const splitsPair = end > 0 && last >= 0xd800 && last <= 0xdbff;
  return text.slice(0, splitsPair ? end - 1 : end);
}

function megabytes(chars: number): string {
  return `${Number((chars / CHARS_PER_MB).toFixed(2))} MB`;
}

export function answerTooLarge(maxChars: number): ProviderError {
  const limit = megabytes(maxChars);
  return new ProviderError({
    kind: 'tooLarge',
    userMessage: localized(
      'The answer was cut at {0}, the limit set by twinChat.chat.maxAnswerSizeMB, and the request was stopped: the text above is incomplete. Raise the limit, then Retry to get more.',
      limit,
    ),
    detail: `answer passed ${maxChars} characters; request aborted`,
  });
}
