import * as vscode from 'vscode';
import { mentionExclude } from '../chat/mentionExclude';
import { mentionGlob } from '../chat/mentionGlob';
import type { MentionFile } from '../shared/protocol';

/** Most files one `#` list shows; the search stops there, however large the workspace. */
export const MAX_MENTION_RESULTS = 30;
function mentionFile(uri: vscode.Uri, open: boolean): MentionFile {
  return { uri: uri.toString(), path: vscode.workspace.asRelativePath(uri), open };
}

function openEditorFiles(query: string): vscode.Uri[] {
  const needle = query.toLowerCase();
  const uris = vscode.window.tabGroups.all
    .flatMap((group) => group.tabs)
    .map((tab) => (tab.input instanceof vscode.TabInputText ? tab.input.uri : undefined))
    .filter((uri): uri is vscode.Uri => uri?.scheme === 'file')
    .filter((uri) => vscode.workspace.getWorkspaceFolder(uri) !== undefined)
    .filter((uri) => (uri.path.split('/').pop() ?? '').toLowerCase().includes(needle));
  return [...new Map(uris.map((uri) => [uri.toString(), uri])).values()];
}

/** `files.exclude` and `search.exclude` as one glob (chat/mentionExclude.ts). */
function excludeSettings(): string | undefined {
  const setting = (section: string) =>
    vscode.workspace.getConfiguration(section).get<Record<string, unknown>>('exclude') ?? {};
  return mentionExclude(setting('files'), setting('search'));
}

/**
 * The `#` list: open editors first, then workspace files, searched by VS Code without what
 * files.exclude and search.exclude leave out, with a bounded count. Each query cancels the one before, so typing on never
 * leaves searches running for text already gone; a cancelled search answers nothing.
 */
export class MentionSearch implements vscode.Disposable {
  private running: vscode.CancellationTokenSource | undefined;

  async search(query: string): Promise<MentionFile[] | undefined> {
    this.running?.cancel();
    this.running?.dispose();
    const source = new vscode.CancellationTokenSource();
    this.running = source;
    const open = openEditorFiles(query).slice(0, MAX_MENTION_RESULTS);
    const found = await vscode.workspace.findFiles(
      mentionGlob(query),
      excludeSettings(),
      MAX_MENTION_RESULTS,
      source.token,
    );
    if (source.token.isCancellationRequested) return undefined;
    const seen = new Set(open.map((uri) => uri.toString()));
    // A pick is checked like a drop, which takes files on disk only (src/chat/dropPaths.ts): a
    // remote repository's file (`vscode-vfs:`) offered here would be refused once picked.
    const rest = found.filter((uri) => uri.scheme === 'file' && !seen.has(uri.toString()));
    const files = [
      ...open.map((u) => mentionFile(u, true)),
      ...rest.map((u) => mentionFile(u, false)),
    ];
    return files.slice(0, MAX_MENTION_RESULTS);
  }

  dispose(): void {
    this.running?.cancel();
    this.running?.dispose();
  }
}
