// Model output is untrusted. In VS Code's Chat view an image in an answer is fetched by the
// workbench, so a prompt-injected answer could leak what it read through an image URL. This guard
// turns every image opener `![` into `!\[`, which Markdown shows as the literal text: no image,
// remote or not, is ever loaded. (Command links need no rewriting: the MarkdownString stays
// untrusted, so VS Code does not run them.)
//
// Every `![`, inside code too: a guard that skips code must agree with VS Code's parser on where
// every code block starts and ends, and it did not (a column-0 fence closing an indented one, a
// lone \r ending a line). The price is a visible `\` in code such as Rust's `vec![...]`.
//
// Answers arrive in pieces and VS Code joins the pieces into one Markdown document, so a `!` at
// the end of a piece waits for the next piece to show whether `[` follows it.

export class MarkdownGuard {
  /** A trailing `!` held back until the next piece shows whether `[` follows it. */
  private heldBang = false;

  /** The safe form of `piece`, to show now; a trailing `!` may be held back for the next piece. */
  push(piece: string): string {
    const text = (this.heldBang ? '!' : '') + piece;
    this.heldBang = text.endsWith('!');
    const shown = this.heldBang ? text.slice(0, -1) : text;
    return shown.replaceAll('![', '!\\[');
  }

  /** Whatever is still held back, at the end of the answer. */
  end(): string {
    const rest = this.heldBang ? '!' : '';
    this.heldBang = false;
    return rest;
  }
}

/** The guarded form of a whole text (an error's partial answer, a restated final answer). */
export function guardMarkdown(text: string): string {
  const guard = new MarkdownGuard();
  return guard.push(text) + guard.end();
}
