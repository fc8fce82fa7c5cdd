// Some servers stream an answer as chunks ("Xin", " chào"), others as cumulative snapshots ("Xin",
// "Xin chào"), and a line does not say which it is (api-spec K1: the streaming format is not
// documented). For lines that do not say (KamiMind's envelope, see kamiMind/streamEvents.ts), this
// reads each line against everything received so far:
//
//   nothing received yet                   -> the line is new text
//   the line extends the text so far       -> a snapshot: only the part after the text so far is new
//   the line equals the text so far        -> a repeated snapshot, or the final restatement of the
//                                              whole answer: nothing is new
//   the line is a start of the text so far -> after a snapshot was seen, a snapshot that shrank:
//                                              nothing is new (text already shown is not withdrawn);
//                                              before that, a chunk that happens to repeat the start
//   anything else                          -> a chunk, appended whole
//
// The reading is ambiguous only for short texts, and it errs one way: a misread can drop a chunk
// that repeats text already shown ("ha" then "ha" reads as a repeated snapshot; "**" then "**Note"
// as a snapshot), or show text twice (a first snapshot that shrinks, or one that rewrites earlier
// text, reads as a chunk). Text that was never shown is never dropped.

export interface CumulativeReading {
  /** The part of the line to append to the answer; may be empty. */
  added: string;
  /** The line extended the text so far: the stream is sending snapshots. */
  snapshot: boolean;
}

export function readCumulative(
  line: string,
  soFar: string,
  snapshotsSeen: boolean,
): CumulativeReading {
  if (soFar === '') return { added: line, snapshot: false };
  if (line.length > soFar.length && line.startsWith(soFar))
    return { added: line.slice(soFar.length), snapshot: true };
  if (line === soFar) return { added: '', snapshot: false };
  if (snapshotsSeen && soFar.startsWith(line)) return { added: '', snapshot: false };
  return { added: line, snapshot: false };
}
