import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { fileIdentity } from '../chat/attachmentCheck';
import type { StoredAttachment } from '../chat/model';
import { otherFileSystemContent } from '../chat/otherFileSystemBytes';
import { describeProvider, type ProviderId } from '../shared/providers';

const t = vscode.l10n.t;

/** Names that usually hold secrets; attaching one needs an explicit yes. */
const SECRET_LOOKING = [
  /^\.env/i,
  /\.pem$/i,
  /\.key$/i,
  /^id_rsa/i,
  /\.p12$/i,
  /\.pfx$/i,
  /^id_ed25519/i,
];

function looksSecret(fileName: string): boolean {
  return SECRET_LOOKING.some((pattern) => pattern.test(fileName));
}

/** NUL bytes in the first 8 KB: the same heuristic git uses to call a file binary. */
export function looksBinary(bytes: Uint8Array): boolean {
  return bytes.subarray(0, 8192).includes(0);
}

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

export class AttachmentRefused extends Error {}

async function confirmSecret(name: string): Promise<void> {
  const attach = t('Attach Anyway');
  const answer = await vscode.window.showWarningMessage(
    t(
      '"{0}" looks like it holds secrets (keys, passwords, tokens). Send it to the twin anyway?',
      name,
    ),
    { modal: true },
    attach,
  );
  if (answer !== attach) throw new AttachmentRefused(t('"{0}" was not attached.', name));
}

function openDocument(uri: vscode.Uri): vscode.TextDocument | undefined {
  return vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
}

/** The size limit, checked before anything is read or sent; every way a file enters uses it. */
export function refuseOverLimit(name: string, size: number, maxBytes: number): void {
  if (size <= maxBytes) return;
  throw new AttachmentRefused(
    t(
      '"{0}" is {1}, over the {2} limit (setting twinChat.attachments.maxSizeMB).',
      name,
      formatSize(size),
      formatSize(maxBytes),
    ),
  );
}

/** A file's size; a folder, pipe or device is refused (one would never end being read). */
async function fileSize(uri: vscode.Uri, name: string): Promise<number> {
  const info = await vscode.workspace.fs.stat(uri);
  if ((info.type & vscode.FileType.File) === 0)
    throw new AttachmentRefused(t('"{0}" is not a file, so it cannot be attached.', name));
  return info.size;
}

/** The name of the file a local path leads to, when that differs (a symbolic link). */
async function targetName(uri: vscode.Uri): Promise<string | undefined> {
  if (uri.scheme !== 'file') return undefined;
  const real = await fs.realpath(uri.fsPath).catch(() => undefined);
  const target = real && path.basename(real);
  return target !== path.basename(uri.fsPath) ? target : undefined;
}

/**
 * Asks before a secret-looking file is sent, whole or in part. A link named notes.txt that leads
 * to .env sends the .env: the name it leads to counts too.
 */
export async function confirmIfSecretLooking(uri: vscode.Uri, name: string): Promise<void> {
  const secret = [name, await targetName(uri)].find(
    (candidate) => candidate && looksSecret(candidate),
  );
  if (secret) await confirmSecret(secret);
}

/**
 * Turns a file (saved, unsaved or untitled) into an attachment after the checks that protect the
 * user: the size limit before anything is read, a confirmation for secret-looking files, and for
 * a provider that takes files as text inlined into the message (TwinExpert) a refusal of binary
 * files. A saved local file is kept by its path, for either provider: what is sent is its content
 * when the message goes, read after the same checks again (chat/attachmentCheck.ts), so it may be
 * edited after attaching; only unsaved text and files of other schemes are copied now.
 */
export async function prepareAttachment(
  uri: vscode.Uri,
  provider: ProviderId | undefined,
  maxBytes: number,
): Promise<StoredAttachment> {
  const name = path.basename(uri.path) || uri.path;
  const document = openDocument(uri);
  const size = document ? Buffer.byteLength(document.getText()) : await fileSize(uri, name);
  refuseOverLimit(name, size, maxBytes);
  await confirmIfSecretLooking(uri, name);
  const base = { id: randomUUID(), name, size, kind: 'file' as const };
  const inlined = provider !== undefined && describeProvider(provider).attachments === 'inline';
  const note = inlined ? t('inlined as text: TwinExpert has no upload endpoint') : undefined;
  if (document && (document.isDirty || document.isUntitled || uri.scheme !== 'file')) {
    return { ...base, content: document.getText(), ...(note && { note }) };
  }
  if (inlined) {
    const bytes = await vscode.workspace.fs.readFile(uri);
    if (looksBinary(bytes)) {
      throw new AttachmentRefused(
        t(
          '"{0}" is a binary file; TwinExpert only accepts text. Pick a KamiMind bot to upload it.',
          name,
        ),
      );
    }
    if (uri.scheme !== 'file') {
      return { ...base, content: new TextDecoder().decode(bytes), ...(note && { note }) };
    }
  } else if (uri.scheme !== 'file') {
    return { ...base, ...otherFileSystemContent(await vscode.workspace.fs.readFile(uri)) };
  }
  // Sending checks the file is still this one (chat/attachmentCheck.ts).
  const identity = await fileIdentity(uri.fsPath);
  return { ...base, path: uri.fsPath, identity, ...(note && { note }) };
}
