import * as vscode from 'vscode';

/**
 * The single "Twin Chat" log channel. A LogOutputChannel lets users pick the level themselves
 * (Developer: Set Log Level) instead of the extension inventing a debug setting for plain logs.
 */
export function createLog(): vscode.LogOutputChannel {
  return vscode.window.createOutputChannel('Twin Chat', { log: true });
}
