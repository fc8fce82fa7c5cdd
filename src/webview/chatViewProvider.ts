import * as vscode from 'vscode';
import type { ChatSession } from '../chat/chatSession';
import type { HostToWebview } from '../shared/protocol';
import { CHAT_VIEW_ID } from '../constants';
import { Disposable, DisposableStore } from '../disposable';
import { WebviewChatHost } from './webviewChatHost';

/**
 * The sidebar surface: shows the sidebar's chat session in whatever webview VS Code gives it. A
 * hidden sidebar view is destroyed and made anew; the session (and any answer) lives on.
 */
export class ChatViewProvider extends Disposable implements vscode.WebviewViewProvider {
  private view: vscode.WebviewView | undefined;
  /** Lives as long as the current webview. */
  private readonly viewDisposables = this.register(new DisposableStore());
  private readonly readyEmitter = this.register(new vscode.EventEmitter<void>());
  private readonly ready: Promise<void>;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly session: () => ChatSession,
    private readonly log: vscode.LogOutputChannel,
    /** The user turned to the sidebar: commands now act on its session. */
    private readonly used: () => void,
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
    this.viewDisposables.add(
      new WebviewChatHost(view.webview, this.extensionUri, this.session, this.log, {
        ready: () => this.readyEmitter.fire(),
        used: this.used,
      }),
    );
    this.viewDisposables.add(
      view.onDidChangeVisibility(() => {
        if (view.visible) this.used();
      }),
    );
    this.viewDisposables.add(view.onDidDispose(() => this.disposeView()));
    this.used();
  }

  /** Settles when the view has taken the message; nothing when there is no view to take it. */
  post(message: HostToWebview): Thenable<boolean> | undefined {
    return this.view?.webview.postMessage(message);
  }

  /** Shows the sidebar view (it is created if it was never opened). */
  async reveal(): Promise<void> {
    await vscode.commands.executeCommand(`${CHAT_VIEW_ID}.focus`);
  }

  private disposeView(): void {
    this.viewDisposables.clear();
    this.view = undefined;
  }
}
