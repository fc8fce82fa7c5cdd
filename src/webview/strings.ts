import * as vscode from 'vscode';
import { UI_STRINGS } from '../shared/uiStrings';

/**
 * The webview has no access to `vscode.l10n`, so the host translates every string it shows and
 * passes them in the initial state. The English text is the l10n key (see l10n/bundle.l10n.*.json).
 */
export function webviewStrings(): Record<string, string> {
  return Object.fromEntries(
    Object.entries(UI_STRINGS).map(([key, english]) => [key, vscode.l10n.t(english)]),
  );
}
