// Model output is untrusted. In VS Code's Chat view an image in an answer is fetched by the
// workbench, so a prompt-injected answer could leak what it read through an image URL. This guard
// turns every image opener `![` outside fenced code into `!\[`, which Markdown shows as the
// literal text: no image, remote or not, is ever loaded. (Command links need no rewriting: the
// MarkdownString stays untrusted, so VS Code does not run them.)
//
// Answers arrive in pieces and VS Code joins the pieces into one Markdown document, so the guard
// keeps state across pieces: a `!` at the end of a piece waits for the next, and whether a line
// opened or closed a fence is decided once the line is complete.
//
// It errs on the safe side: only a fence that starts in column 0 (with a backtick-free info string)
// counts as opening code, since an indented one may belong to a list item or quote that a later
// line closes; any line that looks like a closing fence closes it; no fence opens inside an HTML
// block. So `![` may be escaped inside code (shown as `!\[`), never left live outside it.

const OPENING_FENCE = /^(`{3,})([^`]*)$|^(~{3,})(.*)$/;
const CLOSING_FENCE = /^ {0,3}(`{3,}|~{3,})[ \t]*$/;
const HTML_BLOCK_START = /^ {0,3}</;
/**
 * HTML blocks that a blank line does not end (CommonMark types 1 to 5), with what ends them. Staying
 * in an HTML block too long is safe (no fence opens there); leaving it too early is not.
 */
const HTML_BLOCKS_WITH_END: readonly (readonly [RegExp, RegExp])[] = [
  [/^ {0,3}<(script|pre|style|textarea)(\s|>|$)/i, /<\/(script|pre|style|textarea)>/i],
  [/^ {0,3}<!--/, /-->/],
  [/^ {0,3}<\?/, /\?>/],
  [/^ {0,3}<![A-Za-z]/, />/],
  [/^ {0,3}<!\[CDATA\[/, /\]\]>/],
];

export class MarkdownGuard {
  /** The fence that opened the code block we are in (its character repeated), if any. */
  private fence: string | undefined;
  private inHtmlBlock = false;
  /** What ends the HTML block we are in, when a blank line does not. */
  private htmlEnd: RegExp | undefined;
  /** The raw text of the line being received, to decide at its end whether it was a fence. */
  private line = '';
  /** A trailing `!` held back until the next piece shows whether `[` follows it. */
  private heldBang = false;

  /** The safe form of `piece`, to show now; some of it may be held back for the next piece. */
  push(piece: string): string {
    let out = '';
    for (const char of piece) out += this.take(char);
    return out;
  }

  /** Whatever is still held back, at the end of the answer. */
  end(): string {
    const rest = this.heldBang ? '!' : '';
    this.heldBang = false;
    return rest;
  }

  private take(char: string): string {
    let out = '';
    if (this.heldBang) {
      this.heldBang = false;
      out += char === '[' && !this.fence ? '!\\' : '!';
    }
    if (char === '!' && !this.fence) {
      this.heldBang = true;
      this.line += char;
      return out;
    }
    out += char;
    if (char === '\n') this.endLine();
    else this.line += char;
    return out;
  }

  private endLine(): void {
    const line = this.line.replace(/\r$/, '');
    this.line = '';
    if (this.fence) {
      const closing = CLOSING_FENCE.exec(line)?.[1];
      if (
        closing !== undefined &&
        closing[0] === this.fence[0] &&
        closing.length >= this.fence.length
      )
        this.fence = undefined;
      return;
    }
    if (this.inHtmlBlock) {
      this.continueHtmlBlock(line);
      return;
    }
    if (HTML_BLOCK_START.test(line)) {
      this.inHtmlBlock = true;
      this.htmlEnd = HTML_BLOCKS_WITH_END.find(([start]) => start.test(line))?.[1];
      this.continueHtmlBlock(line.replace(HTML_BLOCK_START, ''));
      return;
    }
    const opening = OPENING_FENCE.exec(line);
    if (opening) this.fence = opening[1] ?? opening[3];
  }

  /** Its end marker, once seen, leaves an ordinary HTML block that the next blank line ends. */
  private continueHtmlBlock(line: string): void {
    if (this.htmlEnd) {
      if (this.htmlEnd.test(line)) this.htmlEnd = undefined;
      return;
    }
    if (!line.trim()) this.inHtmlBlock = false;
  }
}

/** The guarded form of a whole text (an error's partial answer, a restated final answer). */
export function guardMarkdown(text: string): string {
  const guard = new MarkdownGuard();
  return guard.push(text) + guard.end();
}
