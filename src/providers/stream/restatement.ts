// Some servers end a stream of chunks by restating the whole answer (KamiMind's final envelope,
// or the message of its `done:true` line; api-spec K1 leaves the format open). The restatement
// need not equal what was streamed: a server may trim the trailing newline or whitespace. This
// reads the restatement against the streamed text, comparing with whitespace ignored:
//
//   nothing streamed yet                    -> the line is the answer
//   the line starts with the streamed text  -> it agrees; only the part after it is new
//     (whitespace aside)                       (empty when it restates the same answer)
//   anything else                           -> it disagrees; the caller decides (see `agrees`)
//
// Text already shown is never withdrawn or rewritten: the user has read it.

export interface RestatementReading {
  /** The part of the line to append to the answer; may be empty. */
  added: string;
  /** The line restates (and may extend) the streamed text. */
  agrees: boolean;
}

const isSpace = (char: string) => /\s/u.test(char);

/**
 * Where the line continues after the streamed text, matching the streamed text's non-space
 * characters in order and skipping whitespace on both sides; undefined if they differ.
 */
function endOfStreamedIn(line: string, soFar: string): number | undefined {
  let at = 0;
  for (const char of soFar) {
    if (isSpace(char)) continue;
    while (at < line.length && isSpace(line.charAt(at))) at++;
    if (!line.startsWith(char, at)) return undefined;
    at += char.length;
  }
  return at;
}

export function readRestatement(line: string, soFar: string): RestatementReading {
  if (soFar === '') return { added: line, agrees: true };
  if (line.startsWith(soFar)) return { added: line.slice(soFar.length), agrees: true };
  const end = endOfStreamedIn(line, soFar);
  if (end === undefined) return { added: '', agrees: false };
  // Whitespace the server moved or trimmed is not new text: a tail of only whitespace adds nothing.
  const tail = line.slice(end);
  return { added: tail.trim() === '' ? '' : tail, agrees: true };
}
