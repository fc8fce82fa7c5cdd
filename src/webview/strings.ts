import * as vscode from 'vscode';

/**
 * The webview has no access to `vscode.l10n`, so the host translates every string it shows and
 * passes them in the initial state. Keys are stable identifiers; values come from l10n bundles.
 */
export function webviewStrings(): Record<string, string> {
  return {
    welcomeTitle: vscode.l10n.t('Chat with your AI twins'),
    welcomeBody: vscode.l10n.t(
      'Connect a TwinExpert twin or a KamiMind assistant to start a conversation.',
    ),
    showLogs: vscode.l10n.t('Show Logs'),
  };
}
