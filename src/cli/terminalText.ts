// Server text on a terminal must stay text. An answer holding `ESC ] 52 ; c ; <base64> BEL` would
// set the clipboard, `ESC [ 1 A ESC [ 2 K` rewrite earlier lines, OSC 8 hide a link's target.
// Escape sequences go as a whole (so no half of one is left to show as junk), then any control
// character that is left: C0 except line feed and tab, DEL, and C1 (U+0080-U+009F, which some
// terminals read as 8-bit CSI/OSC). Each chunk is cleaned on its own: a sequence split across
// chunks loses its ESC, and what is left of it is harmless printable text.
/* eslint-disable no-control-regex -- finding control characters is what this file is for */

/** CSI: ESC [ (or 8-bit CSI) parameters, intermediates, one final byte. */
const CSI = /(?:\x1b\[|\u009b)[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]/g;
/** OSC, DCS, SOS, PM, APC: up to BEL or String Terminator, or to the end of the chunk. */
const CONTROL_STRING =
  /(?:\x1b[\]PX^_]|[\u009d\u0090\u0098\u009e\u009f])[\s\S]*?(?:\x07|\x1b\\|\u009c|$)/g;
/** Any other escape: ESC, intermediates, one final byte (ESC c resets the terminal). */
const OTHER_ESCAPE = /\x1b[\x20-\x2f]*[\x30-\x7e]?/g;
const CONTROL_CHARACTER = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/g;

export function terminalSafe(text: string): string {
  return text
    .replace(CONTROL_STRING, '')
    .replace(CSI, '')
    .replace(OTHER_ESCAPE, '')
    .replace(CONTROL_CHARACTER, '');
}
