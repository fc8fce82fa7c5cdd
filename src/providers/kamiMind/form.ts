// The multipart body of POST /public/v1/response (api-spec K1). Files on disk are read in chunks
// through a few reused buffers while they are sent (http/fileChunks.ts), so memory does not grow
// with their size.
import { stat } from 'node:fs/promises';
import { ProviderError } from '../errors';
import { multipartBody, type MultipartBody, type MultipartFile } from '../http/multipart';
import type { ServiceInfo } from '../messages';
import { isSameFile } from '../fileIdentity';
import type { Attachment } from '../types';
import { localized } from '../../shared/localized';

export interface KmFormFields {
  botToken: string;
  storyId: string;
  message: string;
  streaming: boolean;
}

export type KmFile = MultipartFile;

function unreadable(attachment: Attachment, service: ServiceInfo, reason: string): ProviderError {
  return new ProviderError({
    kind: 'badRequest',
    userMessage: localized(
      'Could not read the attachment "{0}" ({1}). Check that the file still exists, then attach it again.',
      attachment.name,
      reason,
    ),
    detail: `${service.name} attachment ${attachment.name}: ${reason}`,
  });
}

function changed(attachment: Attachment, service: ServiceInfo): ProviderError {
  return new ProviderError({
    kind: 'badRequest',
    userMessage: localized(
      'The attachment "{0}" changed after it was checked, so it was not sent. Attach it again.',
      attachment.name,
    ),
    detail: `${service.name} attachment ${attachment.name}: file changed after the check`,
  });
}

async function toFile(attachment: Attachment, service: ServiceInfo): Promise<KmFile> {
  const base = {
    name: 'files',
    filename: attachment.name,
    contentType: attachment.contentType ?? 'application/octet-stream',
  };
  if (attachment.data)
    return { ...base, size: attachment.data.byteLength, source: { data: attachment.data } };
  if (!attachment.path) throw unreadable(attachment, service, 'no path or data');
  try {
    const info = await stat(attachment.path);
    if (!info.isFile()) throw unreadable(attachment, service, 'not a file');
    const { identity } = attachment;
    if (identity && !isSameFile(identity, info)) throw changed(attachment, service);
    // A checked file is sent at its checked size, never at whatever size it has grown to since.
    const size = identity ? identity.size : info.size;
    return { ...base, size, source: { path: attachment.path, ...(identity && { identity }) } };
  } catch (error) {
    if (error instanceof ProviderError) throw error;
    const code = (error as { code?: unknown }).code;
    throw unreadable(attachment, service, typeof code === 'string' ? code : 'unreadable');
  }
}

/** Checks every attachment is readable before anything is sent, and notes each file's size. */
export function openAttachments(
  attachments: readonly Attachment[],
  service: ServiceInfo,
): Promise<KmFile[]> {
  return Promise.all(attachments.map((attachment) => toFile(attachment, service)));
}

/** A factory, like every request body: a retry sends the same parts again, files re-read. */
export function kmFormFactory(fields: KmFormFields, files: readonly KmFile[]): () => MultipartBody {
  const body = multipartBody(
    [
      { name: 'bot_token', value: fields.botToken },
      { name: 'story_id', value: fields.storyId },
      { name: 'message', value: fields.message },
      { name: 'streaming', value: fields.streaming ? 'true' : 'false' },
    ],
    files,
  );
  return () => body;
}
