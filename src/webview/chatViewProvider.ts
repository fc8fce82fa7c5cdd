import * as vscode from 'vscode';
import type { ChatSession } from '../chat/chatSession';
import type { HostToWebview } from '../shared/protocol';
import { CHAT_VIEW_ID } from '../constants';
import { Disposable, DisposableStore } from '../disposable';
import type { ComposerIntake } from './composerIntake';
import { WebviewChatHost } from './webviewChatHost';

/**
 * The sidebar surface: shows the sidebar's chat session in whatever webview VS Code gives it. A
 * hidden sidebar view is destroyed and made anew; the session (and any answer) lives on.
 */
export class ChatViewProvider extends Disposable implements vscode.WebviewViewProvider {
  private view: vscode.WebviewView | undefined;
  private host: WebviewChatHost | undefined;
  /** Lives as long as the current webview. */
  private readonly viewDisposables = this.register(new DisposableStore());
  private readonly readyEmitter = this.register(new vscode.EventEmitter<void>());
  private readonly ready: Promise<void>;
  /** Open Chat ran before VS Code created the view: its page focuses the message box. */
  private focusWanted = false;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly session: () => ChatSession,
    private readonly log: vscode.LogOutputChannel,
    private readonly intake: ComposerIntake,
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
    this.host = this.viewDisposables.add(
      new WebviewChatHost(view.webview, this.extensionUri, this.session, this.log, this.intake, {
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
    if (this.focusWanted) this.host.focusInput();
    this.focusWanted = false;
    this.used();
  }

  focusInput(): void {
    if (this.host) this.host.focusInput();
    else this.focusWanted = true;
  }

  /** Settles when the view has taken the message; nothing when there is no view to take it. */
  post(message: HostToWebview): Thenable<boolean> | undefined {
    return this.view?.webview.postMessage(message);
  }

  /** Shows the sidebar view (it is created if it was never opened). */
  async reveal(): Promise<void> {
    await vscode.commands.executeCommand(`${CHAT_VIEW_ID}.focus`);
  }

  /**
   * A message as if the sidebar's page had posted it, through the same validation: the
   * integration tests' way in, since they cannot drop or paste into a real webview.
   */
  receive(raw: unknown): Promise<void> {
    return this.host?.receive(raw) ?? Promise.reject(new Error('the chat view is not open'));
  }

  private disposeView(): void {
    this.viewDisposables.clear();
    this.view = undefined;
    this.host = undefined;
  }
}
