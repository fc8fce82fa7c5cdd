import * as vscode from 'vscode';
import { Commands } from './constants';
import { Disposable } from './disposable';
import type { TargetView } from './shared/protocol';
import { describeProvider } from './shared/providers';

export type ConnectionState = 'unknown' | 'connected' | 'streaming' | 'failed';

const ICONS: Record<ConnectionState, string> = {
  unknown: '$(comment-discussion)',
  connected: '$(comment-discussion)',
  streaming: '$(loading~spin)',
  failed: '$(warning)',
};

/** Who Twin Chat is talking to and whether the last request worked; a click opens the chat. */
export class ChatStatusBar extends Disposable {
  private readonly item = this.register(
    vscode.window.createStatusBarItem('twinChat.status', vscode.StatusBarAlignment.Right, 100),
  );
  private target: TargetView | undefined;
  private state: ConnectionState = 'unknown';
  private detail = '';
  private quota = '';

  constructor() {
    super();
    this.item.name = 'Twin Chat';
    this.item.command = Commands.openChat;
    this.render();
    this.item.show();
  }

  update(target: TargetView | undefined, state: ConnectionState, detail = ''): void {
    this.target = target;
    this.state = state;
    this.detail = detail;
    this.render();
  }

  /** What the services last said about the quota, one line each ('' when they said nothing). */
  setQuota(lines: string): void {
    this.quota = lines;
    this.render();
  }

  private render(): void {
    const label = this.target?.label ?? vscode.l10n.t('Twin Chat');
    this.item.text = `${ICONS[this.state]} ${label}`;
    const who = this.target
      ? vscode.l10n.t(
          'Talking to {0} ({1}).',
          this.target.label,
          describeProvider(this.target.provider).label,
        )
      : vscode.l10n.t('No twin or bot selected.');
    this.item.tooltip = [who, this.detail, this.quota, vscode.l10n.t('Click to open the chat.')]
      .filter(Boolean)
      .join(' ');
    this.item.backgroundColor =
      this.state === 'failed'
        ? new vscode.ThemeColor('statusBarItem.warningBackground')
        : undefined;
  }
}
