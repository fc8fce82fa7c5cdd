import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import type { ChatSession } from '../chat/chatSession';
import type { ChatSurface, SessionStart } from '../chat/chatSurface';
import type { ChatSessions } from '../chat/chatSessions';
import { restoredTabId } from '../chat/restoredTabId';
import { tabMemory } from '../chat/sessionMemory';
import type { KeyValueStore } from '../chat/targets';
import { EDITOR_CHAT_VIEW_TYPE } from '../constants';
import { Disposable } from '../disposable';
import type { ComposerIntake } from './composerIntake';
import { WebviewChatHost } from './webviewChatHost';

export interface EditorTabOptions {
  start?: SessionStart;
  /** Where the tab opens: the active group by default, `Beside` for side by side. */
  column?: vscode.ViewColumn;
  preserveFocus?: boolean;
}

/**
 * The editor-tab surfaces: each tab is a WebviewPanel running the sidebar's webview bundle, bound
 * to its own chat session. Tabs come back after a window reload: VS Code hands each panel back to
 * `deserializeWebviewPanel` with the state its webview saved, which holds the tab's surface id
 * (untrusted: see restoredTabId).
 */
export class EditorChats extends Disposable implements vscode.WebviewPanelSerializer {
  private readonly tabs = new Map<vscode.WebviewPanel, ChatSession>();

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly sessions: () => ChatSessions,
    private readonly workspaceState: KeyValueStore,
    private readonly log: vscode.LogOutputChannel,
    private readonly intake: ComposerIntake,
  ) {
    super();
  }

  open(options: EditorTabOptions = {}): ChatSession {
    const panel = vscode.window.createWebviewPanel(
      EDITOR_CHAT_VIEW_TYPE,
      defaultTitle(),
      {
        viewColumn: options.column ?? vscode.ViewColumn.Active,
        preserveFocus: !!options.preserveFocus,
      },
      {},
    );
    const session = this.bind(panel, randomUUID(), options.start);
    // The user just asked for this chat: commands act on it even before VS Code reports it active.
    this.sessions().focus(session);
    return session;
  }

  async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    const id = await restoredTabId(this.sessions(), this.workspaceState, savedSurfaceId(state));
    this.bind(panel, id);
  }

  private bind(panel: vscode.WebviewPanel, id: string, start?: SessionStart): ChatSession {
    let alive = true;
    const surface: ChatSurface = {
      id,
      post: (message) => (alive ? panel.webview.postMessage(message) : undefined),
      reveal: () => panel.reveal(),
      retitle: (title) => {
        if (alive) panel.title = title || defaultTitle();
      },
    };
    const sessions = this.sessions();
    const session = sessions.open(surface, tabMemory(this.workspaceState, id), start);
    const focus = () => sessions.focus(session);
    const host = new WebviewChatHost(
      panel.webview,
      this.extensionUri,
      () => session,
      this.log,
      this.intake,
      { used: focus },
    );
    surface.focusInput = () => host.focusInput();
    this.tabs.set(panel, session);
    const viewState = panel.onDidChangeViewState(() => this.focusActiveTab());
    panel.onDidDispose(() => {
      alive = false;
      this.tabs.delete(panel);
      viewState.dispose();
      host.dispose();
      sessions.close(session);
    });
    if (panel.active) focus();
    return session;
  }

  /**
   * Any tab's view state changed: the tab VS Code reports active now, if any, is the chat commands
   * act on. Asked of every tab, not only the one the event names: VS Code fires the event only for a
   * panel whose state changed, and a new panel starts out active. So when a state sent before the
   * next tab opened arrives after it (an earlier tab's reveal), the earlier tab turns active, then
   * inactive again, and the new tab, active all along, gets no event of its own.
   */
  private focusActiveTab(): void {
    for (const [panel, session] of this.tabs) {
      if (panel.active) this.sessions().focus(session);
    }
  }
}

function defaultTitle(): string {
  return vscode.l10n.t('Twin Chat');
}

/** The surface id the tab's webview kept (src/webview-ui/savedState.ts); untrusted input. */
function savedSurfaceId(state: unknown): string | undefined {
  if (typeof state !== 'object' || state === null) return undefined;
  const { surfaceId } = state as Record<string, unknown>;
  return typeof surfaceId === 'string' && /^[\w-]{1,64}$/.test(surfaceId) ? surfaceId : undefined;
}
