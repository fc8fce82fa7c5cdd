// The multipart body of POST /public/v1/response (api-spec K1). Files are Blobs over the file on
// disk (fs.openAsBlob), so undici streams them chunk by chunk and memory does not grow with size.
import { openAsBlob } from 'node:fs';
import { FormData } from 'undici';
import { ProviderError } from '../errors';
import type { ServiceInfo } from '../messages';
import type { Attachment } from '../types';

export interface KmFormFields {
  botToken: string;
  storyId: string;
  message: string;
  streaming: boolean;
}

export interface KmFile {
  name: string;
  blob: Blob;
}

function unreadable(attachment: Attachment, service: ServiceInfo, reason: string): ProviderError {
  return new ProviderError({
    kind: 'badRequest',
    userMessage: `Could not read the attachment "${attachment.name}" (${reason}). Check that the file still exists, then attach it again.`,
    detail: `${service.name} attachment ${attachment.name}: ${reason}`,
  });
}

async function toFile(attachment: Attachment, service: ServiceInfo): Promise<KmFile> {
  const type = attachment.contentType ?? 'application/octet-stream';
  if (attachment.data)
    return { name: attachment.name, blob: new Blob([attachment.data], { type }) };
  if (!attachment.path) throw unreadable(attachment, service, 'no path or data');
  try {
    return { name: attachment.name, blob: await openAsBlob(attachment.path, { type }) };
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    throw unreadable(attachment, service, typeof code === 'string' ? code : 'unreadable');
  }
}

export function openAttachments(
  attachments: readonly Attachment[],
  service: ServiceInfo,
): Promise<KmFile[]> {
  return Promise.all(attachments.map((attachment) => toFile(attachment, service)));
}

/** A factory: a retry needs a fresh FormData, and disk-backed Blobs can be read again. */
export function kmFormFactory(fields: KmFormFields, files: readonly KmFile[]): () => FormData {
  return () => {
    const form = new FormData();
    form.append('bot_token', fields.botToken);
    form.append('story_id', fields.storyId);
    form.append('message', fields.message);
    form.append('streaming', fields.streaming ? 'true' : 'false');
    for (const file of files) form.append('files', file.blob, file.name);
    return form;
  };
}
