/**
 * Whether a key belongs to an input method composing text (Vietnamese Telex, Japanese, Chinese):
 * its Enter commits the composed syllable, so acting on it as well would send or save a half-typed
 * text. Every text box that acts on Enter or the arrows asks this first.
 */
export function isImeKey(event: KeyboardEvent): boolean {
  return event.isComposing;
}
