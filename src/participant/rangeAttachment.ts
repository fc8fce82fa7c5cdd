import { randomUUID } from 'node:crypto';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { StoredAttachment } from '../chat/model';
import { confirmIfSecretLooking, refuseOverLimit } from '../commands/attachments';

/**
 * A part of a file (`#selection`, a symbol) as an attachment, under the Attach command's rules:
 * the size limit, and a confirmation when the file's name, or the name of the file a link leads
 * to, looks like it holds secrets (the same check, so the two cannot drift apart). It is sent as
 * text (inlined for TwinExpert, a text upload for KamiMind), like a selection sent from the editor.
 */
export async function rangeAttachment(
  uri: vscode.Uri,
  range: vscode.Range,
  maxBytes: number,
): Promise<StoredAttachment> {
  const document = await vscode.workspace.openTextDocument(uri);
  const content = document.getText(range);
  const file = path.basename(uri.path) || uri.path;
  const name = `${file}:${range.start.line + 1}-${range.end.line + 1}`;
  const size = Buffer.byteLength(content);
  refuseOverLimit(name, size, maxBytes);
  await confirmIfSecretLooking(uri, file);
  return { id: randomUUID(), name, size, kind: 'selection', content, contentType: 'text/plain' };
}
