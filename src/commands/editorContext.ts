import * as path from 'node:path';
import * as vscode from 'vscode';
import { fenceFor } from '../shared/markdownFence';

// How code from the editor is described to a twin: where it comes from, in which language, and
// the code itself in a fence that its own backticks cannot close.

export function relativePath(uri: vscode.Uri): string {
  if (uri.scheme === 'untitled') return uri.path;
  const relative = vscode.workspace.asRelativePath(uri, false);
  return relative || path.basename(uri.fsPath);
}

export interface CodeContext {
  file: string;
  language: string;
  startLine: number;
  endLine: number;
  code: string;
}

/**
 * The lines a selection covers. One that ends at the start of a line (Select All, or dragging
 * whole lines) does not include that line, as VS Code's own line commands count it.
 */
function selectedRange(document: vscode.TextDocument, selection: vscode.Selection): vscode.Range {
  if (selection.isEmpty) return document.lineAt(selection.active.line).range;
  const { start, end } = selection;
  if (end.character > 0 || end.line === start.line) return selection;
  return new vscode.Range(start, document.lineAt(end.line - 1).range.end);
}

/** The selection, or the cursor's line when nothing is selected; undefined when both are empty. */
export function selectionContext(editor: vscode.TextEditor): CodeContext | undefined {
  const { document, selection } = editor;
  const range = selectedRange(document, selection);
  const code = document.getText(range);
  if (!code.trim()) return undefined;
  return {
    file: relativePath(document.uri),
    language: document.languageId,
    startLine: range.start.line + 1,
    endLine: range.end.line + 1,
    code,
  };
}

export function formatCodeContext(context: CodeContext): string {
  const lines =
    context.startLine === context.endLine
      ? `line ${context.startLine}`
      : `lines ${context.startLine}-${context.endLine}`;
  const fence = fenceFor(context.code);
  return `\`${context.file}\` ${lines} (${context.language}):\n${fence}${context.language}\n${context.code}\n${fence}`;
}
