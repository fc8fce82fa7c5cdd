import { UI_STRINGS, type UiStringKey } from '../shared/uiStrings';

// The host sends translated strings once per state/init; until then (and for any key an older host
// does not know) the English text is shown.
let translated: Record<string, string> = {};

export function setStrings(strings: Record<string, string>): void {
  translated = strings;
}

/** The translated text for `key` with `{0}`, `{1}`… replaced by `args`. */
export function t(key: UiStringKey, ...args: (string | number)[]): string {
  const template = translated[key] ?? UI_STRINGS[key];
  return template.replace(/\{(\d+)\}/g, (match, index: string) => {
    const value = args[Number(index)];
    return value === undefined ? match : String(value);
  });
}
