import { randomUUID } from 'node:crypto';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { StoredAttachment } from '../chat/model';
import { AttachmentRefused, confirmSecret, formatSize, looksSecret } from '../commands/attachments';

const t = vscode.l10n.t;

/**
 * A part of a file (`#selection`, a symbol) as an attachment, under the Attach command's rules:
 * the size limit, and a confirmation when the file's name looks like it holds secrets. It is sent
 * as text (inlined for TwinExpert, a text upload for KamiMind), like a selection sent from the
 * editor.
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
  if (size > maxBytes) {
    throw new AttachmentRefused(
      t(
        '"{0}" is {1}, over the {2} limit (setting twinChat.attachments.maxSizeMB).',
        name,
        formatSize(size),
        formatSize(maxBytes),
      ),
    );
  }
  if (looksSecret(file)) await confirmSecret(file);
  return { id: randomUUID(), name, size, kind: 'selection', content, contentType: 'text/plain' };
}
