// The sentences the provider and chat code build for people (why an answer failed, what to do)
// are shared with the CLI, which has no `vscode` module. They are written as English templates
// with {0}-style placeholders and pass through `localized`, which formats them in English unless
// a front end installed its own translation: the extension installs vscode.l10n.t, so the same
// templates are looked up in l10n/bundle.l10n.*.json (test/unit/l10n.test.ts checks every one).

export type Translate = (template: string, ...args: (string | number)[]) => string;

/**
 * A registry symbol, not a module variable: the network client is its own bundle
 * (dist/client.js) with its own copy of this file, and one installation must reach both.
 */
const SLOT: unique symbol = Symbol.for('twinChat.translate');

type Slot = { [SLOT]?: Translate };

/** The template with each {n} replaced by its argument, as vscode.l10n.t does without a bundle. */
export function english(template: string, ...args: (string | number)[]): string {
  return template.replace(/\{(\d+)\}/g, (whole, index: string) => {
    const value = args[Number(index)];
    return value === undefined ? whole : String(value);
  });
}

export function localized(template: string, ...args: (string | number)[]): string {
  return ((globalThis as Slot)[SLOT] ?? english)(template, ...args);
}

/**
 * Makes `translate` give every later sentence; the returned function puts back what was installed
 * before (English, unless another front end had installed its own).
 */
export function translateWith(translate: Translate): () => void {
  const slot = globalThis as Slot;
  const before = slot[SLOT];
  slot[SLOT] = translate;
  return () => {
    slot[SLOT] = before;
  };
}
