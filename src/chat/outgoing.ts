import type { Attachment } from '../providers/types';
import { fenceFor } from '../shared/markdownFence';
import { describeProvider, type ProviderId } from '../shared/providers';
import { AttachmentChanged, readCheckedText, recheckAttachedFile } from './attachmentCheck';
import type { StoredAttachment } from './model';
import { localized } from '../shared/localized';

export interface OutgoingMessage {
  text: string;
  attachments: Attachment[];
}

type OnDisk = StoredAttachment & { path: string };

function onDisk(attachment: StoredAttachment): attachment is OnDisk {
  return (
    attachment.path !== undefined &&
    attachment.content === undefined &&
    attachment.base64 === undefined
  );
}

async function attachmentText(attachment: StoredAttachment, maxBytes: number): Promise<string> {
  if (!onDisk(attachment)) return attachment.content ?? '';
  const identity = await recheckAttachedFile(attachment, maxBytes);
  return readCheckedText(attachment.name, attachment.path, identity);
}

async function inlineBlock(attachment: StoredAttachment, maxBytes: number): Promise<string> {
  const text = attachment.base64 === undefined ? await attachmentText(attachment, maxBytes) : '';
  // Checked again here: an image pasted (or a binary file of another file system attached) for
  // a KamiMind bot can still be queued when the target becomes a twin, and binary must never be
  // inlined into a message.
  if (attachment.base64 !== undefined || text.slice(0, 8192).includes('\u0000')) {
    throw new AttachmentChanged(
      localized(
        '"{0}" is a binary file and TwinExpert only accepts text, so it was not sent. Pick a KamiMind bot to send it.',
        attachment.name,
      ),
    );
  }
  const marker = fenceFor(text);
  return `File \`${attachment.name}\`:\n${marker}\n${text}\n${marker}`;
}

async function asUpload(attachment: StoredAttachment, maxBytes: number): Promise<Attachment> {
  if (onDisk(attachment)) {
    const { dev, ino, size, mtimeMs } = await recheckAttachedFile(attachment, maxBytes);
    return {
      name: attachment.name,
      size,
      path: attachment.path,
      identity: { dev, ino, size, mtimeMs },
      contentType: attachment.contentType,
    };
  }
  const data =
    attachment.base64 !== undefined
      ? new Uint8Array(Buffer.from(attachment.base64, 'base64'))
      : new TextEncoder().encode(attachment.content ?? '');
  return {
    name: attachment.name,
    size: data.byteLength,
    data,
    contentType: attachment.contentType ?? 'text/plain',
  };
}

/**
 * A provider that takes uploads (KamiMind) gets files as real multipart uploads. One without an
 * upload endpoint (TwinExpert) gets their text inside the message, each file in its own fenced
 * block after the question. Files on disk
 * are checked again first (attachmentCheck.ts): what was checked when attached may have changed.
 */
export async function buildOutgoing(
  provider: ProviderId,
  text: string,
  attachments: readonly StoredAttachment[],
  maxBytes: number,
): Promise<OutgoingMessage> {
  if (describeProvider(provider).attachments === 'upload') {
    const uploads = await Promise.all(attachments.map((a) => asUpload(a, maxBytes)));
    return { text, attachments: uploads };
  }
  const blocks = await Promise.all(attachments.map((a) => inlineBlock(a, maxBytes)));
  return { text: [text, ...blocks].filter(Boolean).join('\n\n'), attachments: [] };
}
