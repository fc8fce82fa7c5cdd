import * as vscode from 'vscode';
import { registerCommands } from './commands/registerCommands';
import { CHAT_VIEW_ID } from './constants';
import { createLog } from './log';
import { ChatViewProvider } from './webview/chatViewProvider';

/** What other extensions (and the integration tests) can observe of a running Twin Chat. */
export interface TwinChatApi {
  /** Resolves once the chat view's webview has loaded and completed the ready handshake. */
  whenChatViewReady(): Promise<void>;
}

export function activate(context: vscode.ExtensionContext): TwinChatApi {
  const log = createLog();
  const chatView = new ChatViewProvider(context.extensionUri, log);
  context.subscriptions.push(
    log,
    chatView,
    vscode.window.registerWebviewViewProvider(CHAT_VIEW_ID, chatView, {
      webviewOptions: { retainContextWhenHidden: false },
    }),
    ...registerCommands({ log }),
  );
  log.info(`Twin Chat ${(context.extension.packageJSON as { version: string }).version} activated`);
  return { whenChatViewReady: () => chatView.whenReady() };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
