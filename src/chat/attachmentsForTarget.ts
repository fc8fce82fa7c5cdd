import { randomUUID } from 'node:crypto';
import { describeProvider, type ProviderId } from '../shared/providers';
import type { StoredAttachment } from './model';
import { openRegularFile } from './regularFile';

/** How much of a file is read to tell text from binary: git's rule, as when a file is attached. */
const SNIFF_BYTES = 8192;

export interface TargetAttachments {
  /** Copies for the target, each with its own id: they join that target's conversation. */
  sent: StoredAttachment[];
  /** What the target's provider cannot take (binary files for a text-only provider). */
  left: StoredAttachment[];
}

/**
 * The share of one chat's queued attachments that a target accepts, for "Ask Twins Side by Side":
 * a provider that takes uploads gets every file; one that takes text only (its files go inline
 * into the message) gets the text ones, because binary inlined into a message would fail the send.
 */
export async function attachmentsForTarget(
  provider: ProviderId,
  attachments: readonly StoredAttachment[],
): Promise<TargetAttachments> {
  const textOnly = describeProvider(provider).attachments === 'inline';
  const sent: StoredAttachment[] = [];
  const left: StoredAttachment[] = [];
  for (const attachment of attachments) {
    const fits = !textOnly || (await isText(attachment));
    if (fits) sent.push({ ...attachment, id: randomUUID() });
    else left.push(attachment);
  }
  return { sent, left };
}

async function isText(attachment: StoredAttachment): Promise<boolean> {
  if (attachment.base64 !== undefined) return false; // bytes of another file system's file
  if (attachment.content !== undefined) return true; // text captured when attached
  if (attachment.contentType?.startsWith('image/')) return false; // a pasted image
  if (attachment.path === undefined) return true;
  const head = await readHead(attachment.path);
  // An unreadable file is kept: sending checks it again and says what is wrong with it.
  return head === undefined || !head.includes(0);
}

async function readHead(path: string): Promise<Uint8Array | undefined> {
  const opened = await openRegularFile(path).catch(() => undefined);
  if (!opened) return undefined;
  try {
    const buffer = new Uint8Array(SNIFF_BYTES);
    const { bytesRead } = await opened.file.read(buffer, 0, SNIFF_BYTES, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await opened.file.close();
  }
}
