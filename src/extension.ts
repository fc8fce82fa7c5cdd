import * as vscode from 'vscode';
import { ChatController } from './chat/chatController';
import { ConversationStore } from './chat/conversationStore';
import { registerCommands } from './commands/registerCommands';
import { demoServerAvailable } from './commands/demoServer';
import { Credentials } from './config/credentials';
import { ProviderFactory } from './config/providerFactory';
import { attachmentMaxBytes, maxAnswerSizeMB, streamingEnabled } from './config/settings';
import { CHAT_VIEW_ID } from './constants';
import { createLog } from './log';
import { ChatStatusBar } from './statusBar';
import { ChatViewProvider } from './webview/chatViewProvider';
import { webviewStrings } from './webview/strings';

/** What other extensions (and the integration tests) can observe of a running Twin Chat. */
export interface TwinChatApi {
  /** Resolves once the chat view's webview has loaded and completed the ready handshake. */
  whenChatViewReady(): Promise<void>;
  /** How long `activate` took, from its first line to its return, in ms (`npm run bench`). */
  readonly activationMs: number;
}

let chatController: ChatController | undefined;

// Activation only wires objects together: no secrets are read, no file beyond the manifest is
// opened, the network client's bundle is not even loaded (src/config/clientLoader.ts), and nothing
// touches the network until the view or a command needs it.
export function activate(context: vscode.ExtensionContext): TwinChatApi {
  const started = performance.now();
  const log = createLog();
  const credentials = new Credentials(context.secrets, context.globalState);
  const providers = new ProviderFactory(credentials, log);
  const chat = (): ChatController =>
    (chatController ??= createController(context, view, statusBar, credentials, providers, log));
  const view: ChatViewProvider = new ChatViewProvider(context.extensionUri, chat, log);
  const statusBar = new ChatStatusBar();
  context.subscriptions.push(
    log,
    credentials,
    providers,
    view,
    statusBar,
    vscode.window.registerWebviewViewProvider(CHAT_VIEW_ID, view),
    credentials.onDidChange(() => void chatController?.credentialsChanged()),
    ...registerCommands({ log, credentials, providers, chat }),
  );
  const activationMs = performance.now() - started;
  log.info(`Activated in ${activationMs.toFixed(1)} ms`);
  return { whenChatViewReady: () => view.whenReady(), activationMs };
}

function createController(
  context: vscode.ExtensionContext,
  view: ChatViewProvider,
  statusBar: ChatStatusBar,
  credentials: Credentials,
  providers: ProviderFactory,
  log: vscode.LogOutputChannel,
): ChatController {
  const storeDir = vscode.Uri.joinPath(context.globalStorageUri, 'conversations').fsPath;
  return new ChatController({
    store: new ConversationStore(storeDir, (file, reason) =>
      log.error(`Skipped a damaged conversation file ${file}: ${reason}`),
    ),
    provider: (kind) => providers.get(kind),
    presence: () => credentials.presence(),
    workspaceState: context.workspaceState,
    streaming: streamingEnabled,
    strings: webviewStrings,
    locale: () => vscode.env.language,
    demoServerAvailable,
    post: (message) => view.post(message),
    status: (target, state, detail) => statusBar.update(target, state, detail),
    log,
    maxAnswerSizeMB,
    attachmentMaxBytes,
  });
}

export async function deactivate(): Promise<void> {
  await chatController?.dispose();
  chatController = undefined;
}
