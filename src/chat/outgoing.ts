import * as fs from 'node:fs/promises';
import type { Attachment } from '../providers/types';
import { fenceFor } from '../shared/markdownFence';
import type { ProviderKind } from '../shared/protocol';
import type { StoredAttachment } from './model';

export interface OutgoingMessage {
  text: string;
  attachments: Attachment[];
}

async function attachmentText(attachment: StoredAttachment): Promise<string> {
  if (attachment.content !== undefined) return attachment.content;
  if (attachment.path) return fs.readFile(attachment.path, 'utf8');
  return '';
}

async function inlineBlock(attachment: StoredAttachment): Promise<string> {
  const text = await attachmentText(attachment);
  const marker = fenceFor(text);
  return `File \`${attachment.name}\`:\n${marker}\n${text}\n${marker}`;
}

function asUpload(attachment: StoredAttachment): Attachment {
  if (attachment.path && attachment.content === undefined) {
    return {
      name: attachment.name,
      size: attachment.size,
      path: attachment.path,
      contentType: attachment.contentType,
    };
  }
  const data = new TextEncoder().encode(attachment.content ?? '');
  return {
    name: attachment.name,
    size: data.byteLength,
    data,
    contentType: attachment.contentType ?? 'text/plain',
  };
}

/**
 * KamiMind takes files as real multipart uploads. TwinExpert has no upload endpoint, so file text
 * travels inside the message, each file in its own fenced block after the question.
 */
export async function buildOutgoing(
  provider: ProviderKind,
  text: string,
  attachments: readonly StoredAttachment[],
): Promise<OutgoingMessage> {
  if (provider === 'kamimind') return { text, attachments: attachments.map(asUpload) };
  const blocks = await Promise.all(attachments.map(inlineBlock));
  return { text: [text, ...blocks].filter(Boolean).join('\n\n'), attachments: [] };
}
