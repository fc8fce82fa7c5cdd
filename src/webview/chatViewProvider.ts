import * as vscode from 'vscode';
import type { ChatController } from '../chat/chatController';
import {
  PROTOCOL_VERSION,
  assertNever,
  type HostToWebview,
  type WebviewToHost,
} from '../shared/protocol';
import { Disposable, DisposableStore } from '../disposable';
import { parseWebviewMessage } from '../shared/protocolValidation';
import { copyMarkdown } from './copyMarkdown';
import { exportConversation } from './exportConversation';
import { renderShell } from './html';
import {
  copyCode,
  copyErrorDetails,
  insertCode,
  openCode,
  openLink,
  runHostCommand,
} from './webviewActions';

/**
 * Host side of the sidebar chat. The host owns all state (ChatController): a hidden sidebar
 * webview is destroyed, so every `webview/ready` is answered with the whole state.
 */
export class ChatViewProvider extends Disposable implements vscode.WebviewViewProvider {
  private view: vscode.WebviewView | undefined;
  /** Lives as long as the current webview: a hidden sidebar view is destroyed and made anew. */
  private readonly viewDisposables = this.register(new DisposableStore());
  private readonly readyEmitter = this.register(new vscode.EventEmitter<void>());
  private readonly ready: Promise<void>;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly controller: () => ChatController,
    private readonly log: vscode.LogOutputChannel,
  ) {
    super();
    this.ready = new Promise((resolve) => this.readyEmitter.event(() => resolve()));
  }

  /** Resolves once a webview has completed the ready handshake. */
  whenReady(): Promise<void> {
    return this.ready;
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    this.disposeView();
    this.view = view;
    const assetRoot = vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview');
    view.webview.options = {
      enableScripts: true,
      enableCommandUris: false,
      enableForms: false,
      localResourceRoots: [assetRoot],
    };
    view.webview.html = renderShell({
      cspSource: view.webview.cspSource,
      scriptUri: view.webview.asWebviewUri(vscode.Uri.joinPath(assetRoot, 'main.js')).toString(),
      styleUri: view.webview.asWebviewUri(vscode.Uri.joinPath(assetRoot, 'main.css')).toString(),
      locale: vscode.env.language,
    });
    this.viewDisposables.add(view.webview.onDidReceiveMessage((raw: unknown) => this.receive(raw)));
    this.viewDisposables.add(view.onDidDispose(() => this.disposeView()));
  }

  /** Settles when the view has taken the message; nothing when there is no view to take it. */
  post(message: HostToWebview): Thenable<boolean> | undefined {
    return this.view?.webview.postMessage(message);
  }

  private receive(raw: unknown): void {
    const message = parseWebviewMessage(raw);
    if (!message) {
      this.log.warn('Dropped a malformed message from the chat view');
      return;
    }
    this.handle(message).catch((error: unknown) =>
      this.log.error(`Chat view action ${message.type} failed: ${String(error)}`),
    );
  }

  private async handle(message: WebviewToHost): Promise<void> {
    const chat = this.controller();
    switch (message.type) {
      case 'webview/ready':
        return this.onReady(message.protocolVersion);
      case 'chat/send':
        return chat.send(message.text);
      case 'chat/cancel':
        return chat.cancel(message.requestId);
      case 'chat/retry':
        return chat.retry(message.messageId);
      case 'chat/edit':
        return chat.edit(message.messageId, message.text);
      case 'chat/regenerate':
        return chat.regenerate(message.messageId);
      case 'branch/switch':
        return chat.switchBranch(message.messageId);
      case 'message/delete':
        return chat.deleteExchange(message.messageId);
      case 'message/copy':
        return copyMarkdown(chat.messageMarkdown(message.messageId), 'message');
      case 'conversation/copy':
        return copyMarkdown(chat.conversationMarkdown(), 'conversation');
      case 'chat/new':
        return chat.newChat();
      case 'target/select':
        return chat.selectTarget(message.key);
      case 'targets/refresh':
        return chat.refreshTargets();
      case 'conversation/open':
        return chat.open(message.conversationId);
      case 'conversation/rename':
        return chat.rename(message.conversationId, message.title);
      case 'conversation/delete':
        return chat.delete(message.conversationId);
      case 'conversation/restore':
        return chat.restore(message.conversationId);
      case 'conversation/export':
        return exportConversation(chat, message.conversationId);
      case 'search/query':
        return chat.search(message.query);
      case 'attachment/remove':
        return chat.removeAttachment(message.attachmentId);
      case 'draft/changed':
        return chat.saveDraft(message.text);
      case 'link/open':
        return openLink(message.url);
      case 'code/copy':
        return copyCode(message.code);
      case 'error/copyDetails':
        return copyErrorDetails(message.text);
      case 'code/insert':
        return insertCode(message.code);
      case 'code/open':
        return openCode(message.code, message.language);
      case 'command/run':
        await runHostCommand(message.command);
        return;
      default:
        assertNever(message);
    }
  }

  private async onReady(protocolVersion: number): Promise<void> {
    if (protocolVersion !== PROTOCOL_VERSION) {
      this.log.error(`Chat view speaks protocol ${protocolVersion}, host ${PROTOCOL_VERSION}`);
      return;
    }
    const chat = this.controller();
    await chat.postViewState();
    this.readyEmitter.fire();
    await chat.ensureTargets();
  }

  private disposeView(): void {
    this.viewDisposables.clear();
    this.view = undefined;
  }
}
