import * as vscode from 'vscode';
import { ChatController } from './chat/chatController';
import { ConversationStore } from './chat/conversationStore';
import { registerCommands } from './commands/registerCommands';
import { demoServerAvailable } from './commands/demoServer';
import { Credentials } from './config/credentials';
import { ProviderFactory } from './config/providerFactory';
import { attachmentMaxBytes, maxAnswerSizeMB, streamingEnabled } from './config/settings';
import { CHAT_VIEW_ID } from './constants';
import { Disposable } from './disposable';
import { createLog } from './log';
import { registerTwinParticipant } from './participant/register';
import { ChatStatusBar } from './statusBar';
import { ChatViewProvider } from './webview/chatViewProvider';
import { webviewStrings } from './webview/strings';

/**
 * Twin Chat while the extension runs: the one owner of what `activate` creates, disposed newest
 * first and once, and of the chat controller, which is created on first use (so activation reads
 * no secret, opens no file and does not load the network client).
 *
 * Shutting down has a part VS Code would not wait for in `dispose`: the answer streaming at that
 * moment is ended as interrupted and written to disk. VS Code awaits the promise `deactivate`
 * returns (and calls it before it disposes the subscriptions), so `deactivate` awaits `shutdown`;
 * disposing starts the same shutdown first, for a host that only disposes.
 */
export class TwinChat extends Disposable {
  readonly log = this.register(createLog());
  private readonly view: ChatViewProvider;
  private readonly newController: () => ChatController;
  private controller: ChatController | undefined;
  private stopped: Promise<void> | undefined;

  constructor(context: vscode.ExtensionContext) {
    super();
    const log = this.log;
    const credentials = this.register(new Credentials(context.secrets, context.globalState));
    const providers = this.register(new ProviderFactory(credentials, log));
    const chat = (): ChatController => this.chat();
    const view = this.register(new ChatViewProvider(context.extensionUri, chat, log));
    const statusBar = this.register(new ChatStatusBar());
    this.view = view;
    const store = conversationStore(context, log);
    this.newController = () =>
      createController(context, { view, statusBar, credentials, providers, store, log });
    this.register(vscode.window.registerWebviewViewProvider(CHAT_VIEW_ID, view));
    this.register(credentials.onDidChange(() => void this.controller?.credentialsChanged()));
    for (const command of registerCommands({ log, credentials, providers, chat })) {
      this.register(command);
    }
    const { extensionUri, workspaceState } = context;
    const historyChanged = () =>
      void store
        .list()
        .then((conversations) => view.post({ type: 'conversations/update', conversations }));
    const participantParts = { extensionUri, workspaceState, credentials, providers, store };
    for (const part of registerTwinParticipant({ ...participantParts, historyChanged, log })) {
      this.register(part);
    }
    // Registered last, so disposed first. A fallback only: VS Code does not await disposables, so
    // the interrupted answer is written to disk by the shutdown `deactivate` awaits; a view being
    // disposed at the same moment may not show it, and the next window shows it as interrupted.
    this.register({ dispose: () => void this.shutdown() });
  }

  chat(): ChatController {
    return (this.controller ??= this.newController());
  }

  /** Resolves once the chat view's webview has loaded and completed the ready handshake. */
  whenChatViewReady(): Promise<void> {
    return this.view.whenReady();
  }

  /** Ends the answer streaming now (if any) as interrupted and writes it down; the same promise every call. */
  shutdown(): Promise<void> {
    return (this.stopped ??= this.controller?.shutdown() ?? Promise.resolve());
  }
}

interface ControllerParts {
  view: ChatViewProvider;
  statusBar: ChatStatusBar;
  credentials: Credentials;
  providers: ProviderFactory;
  store: ConversationStore;
  log: vscode.LogOutputChannel;
}

/** One store for Twin Chat's view and @twin: each keeps the index in memory and rewrites it whole. */
function conversationStore(
  context: vscode.ExtensionContext,
  log: vscode.LogOutputChannel,
): ConversationStore {
  const storeDir = vscode.Uri.joinPath(context.globalStorageUri, 'conversations').fsPath;
  return new ConversationStore(storeDir, (file, reason) =>
    log.error(`Skipped a damaged conversation file ${file}: ${reason}`),
  );
}

function createController(
  context: vscode.ExtensionContext,
  parts: ControllerParts,
): ChatController {
  const { view, statusBar, credentials, providers, store, log } = parts;
  return new ChatController({
    store,
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
