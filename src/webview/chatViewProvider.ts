import * as vscode from 'vscode';
import {
  PROTOCOL_VERSION,
  type HostToWebview,
  type ViewState,
  type WebviewToHost,
} from '../shared/protocol';
import { parseWebviewMessage } from '../shared/protocolValidation';
import { Commands } from '../constants';
import { renderShell } from './html';
import { webviewStrings } from './strings';

/**
 * Host side of the sidebar chat. The host owns all state: a hidden sidebar webview is destroyed,
 * so every `webview/ready` is answered with the whole state.
 */
export class ChatViewProvider implements vscode.WebviewViewProvider, vscode.Disposable {
  private view: vscode.WebviewView | undefined;
  private readonly viewDisposables: vscode.Disposable[] = [];
  private readonly ready: Promise<void>;
  private markReady!: () => void;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.ready = new Promise((resolve) => (this.markReady = resolve));
  }

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
    this.viewDisposables.push(
      view.webview.onDidReceiveMessage((raw: unknown) => this.receive(raw)),
      view.onDidDispose(() => this.disposeView()),
    );
  }

  private receive(raw: unknown): void {
    const message = parseWebviewMessage(raw);
    if (!message) {
      this.log.warn('Dropped a malformed message from the chat view');
      return;
    }
    this.handle(message);
  }

  private handle(message: WebviewToHost): void {
    switch (message.type) {
      case 'webview/ready':
        this.onReady(message.protocolVersion);
        return;
      case 'command/run':
        if (message.command === 'showLogs') void vscode.commands.executeCommand(Commands.showLogs);
        return;
      default:
        this.log.debug(`Chat view message ${message.type} is not handled yet`);
    }
  }

  private onReady(protocolVersion: number): void {
    if (protocolVersion !== PROTOCOL_VERSION) {
      this.log.error(`Chat view speaks protocol ${protocolVersion}, host ${PROTOCOL_VERSION}`);
      return;
    }
    void this.post({ type: 'state/init', protocolVersion: PROTOCOL_VERSION, state: this.state() });
    this.log.debug('Chat view ready');
    this.markReady();
  }

  private state(): ViewState {
    return {
      locale: vscode.env.language,
      strings: webviewStrings(),
      credentials: { twinexpert: false, kamimind: false },
      targets: { targets: [], loading: false },
      conversation: { id: 'new', title: '', messages: [] },
      conversations: [],
      attachments: [],
      draft: '',
      demoServerAvailable: false,
    };
  }

  private post(message: HostToWebview): Thenable<boolean> {
    return this.view?.webview.postMessage(message) ?? Promise.resolve(false);
  }

  private disposeView(): void {
    for (const disposable of this.viewDisposables.splice(0)) disposable.dispose();
    this.view = undefined;
  }

  dispose(): void {
    this.disposeView();
  }
}
