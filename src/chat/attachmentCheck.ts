import type { Stats } from 'node:fs';
import * as fs from 'node:fs/promises';
import type { AttachedIdentity, StoredAttachment } from './model';
import { openRegularFile } from './regularFile';
import { localized } from '../shared/localized';

// The checks made when a file is attached (size limit, what it is) hold only for the file as it
// was then. A file can grow, or be swapped for a link or another file, before the message is sent
// or when an old conversation is retried, so every send checks again against what was attached.
// Editing the file is expected (attach, keep typing, save, send): its content and size may change
// as long as it stays the same file under the limit. The identity taken here is what the upload
// or read then holds the opened file to, so a change after this look is still refused.

/** A file that is no longer what the user attached; the message is one sentence for them. */
export class AttachmentChanged extends Error {
  override readonly name = 'AttachmentChanged';
}

/** What a path is now: its identity, and whether it leads to a regular file (not kept). */
async function inspect(path: string): Promise<{ identity: AttachedIdentity; regular: boolean }> {
  const [link, info] = await Promise.all([fs.lstat(path), fs.stat(path)]);
  const identity = {
    dev: info.dev,
    ino: info.ino,
    size: info.size,
    mtimeMs: info.mtimeMs,
    symlink: link.isSymbolicLink(),
  };
  return { identity, regular: info.isFile() };
}

export async function fileIdentity(path: string): Promise<AttachedIdentity> {
  return (await inspect(path)).identity;
}

function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

async function currentIdentity(attachment: StoredAttachment, path: string) {
  const now = await inspect(path).catch((error: unknown) => {
    const code = (error as { code?: unknown }).code;
    throw new AttachmentChanged(
      localized(
        '"{0}" can no longer be read ({1}). Attach it again.',
        attachment.name,
        typeof code === 'string' ? code : 'unreadable',
      ),
    );
  });
  // A pipe or a device would never end (or never start) being read; a folder cannot be sent.
  if (!now.regular)
    throw new AttachmentChanged(
      localized('"{0}" is not a file, so it was not sent.', attachment.name),
    );
  return now.identity;
}

/**
 * The file an attachment names, checked again just before it is sent: under the size limit as it
 * is now, not a symbolic link unless it was one when attached, and the same file (device and
 * inode) as then. Attachments saved before identities were kept have no inode to compare: the
 * limit and the link rule still hold. Returns the identity seen now, for the read to check.
 */
export async function recheckAttachedFile(
  attachment: StoredAttachment & { path: string },
  maxBytes: number,
): Promise<AttachedIdentity> {
  const now = await currentIdentity(attachment, attachment.path);
  const before = attachment.identity;
  if (now.size > maxBytes) {
    throw new AttachmentChanged(
      localized(
        '"{0}" is now {1}, over the {2} limit (setting twinChat.attachments.maxSizeMB), so it was not sent.',
        attachment.name,
        formatSize(now.size),
        formatSize(maxBytes),
      ),
    );
  }
  if (now.symlink && !before?.symlink) {
    throw new AttachmentChanged(
      localized(
        '"{0}" was replaced by a symbolic link after it was attached, so it was not sent. Attach the file again.',
        attachment.name,
      ),
    );
  }
  if (before && (before.dev !== now.dev || before.ino !== now.ino)) {
    throw new AttachmentChanged(
      localized(
        '"{0}" was replaced by another file after it was attached, so it was not sent. Attach it again to send the new file.',
        attachment.name,
      ),
    );
  }
  return now;
}

/** The text of a checked file, read from the handle that was checked (no swap in between). */
export async function readCheckedText(
  name: string,
  path: string,
  identity: AttachedIdentity,
): Promise<string> {
  const opened = await openRegularFile(path);
  try {
    if (!opened || !isSameFile(opened.info, identity))
      throw new AttachmentChanged(
        localized(
          '"{0}" changed while it was being read, so it was not sent. Attach it again.',
          name,
        ),
      );
    const buffer = Buffer.alloc(identity.size);
    const { bytesRead } = await opened.file.read(buffer, 0, identity.size, 0);
    return buffer.subarray(0, bytesRead).toString('utf8');
  } finally {
    await opened?.file.close();
  }
}

function isSameFile(info: Stats, identity: AttachedIdentity): boolean {
  return info.dev === identity.dev && info.ino === identity.ino && info.size === identity.size;
}
