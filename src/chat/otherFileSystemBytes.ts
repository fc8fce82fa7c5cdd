import { sniffImage } from './imageBytes';
import type { StoredAttachment } from './model';

// A file of another file system (a repository opened remotely, `vscode-vfs:`; a file at a git
// revision, `git:`) has no path to stream from when the message goes, so its bytes are taken when
// it is attached. Text is kept as text (it is shown and inlined as such); anything that is not
// UTF-8 text, an image above all, is kept as the bytes themselves. Decoding a PNG as text would
// replace every invalid sequence with U+FFFD and upload a different, broken file.

const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function asText(bytes: Uint8Array): string | undefined {
  if (bytes.subarray(0, 8192).includes(0)) return undefined; // git's rule for binary
  try {
    return STRICT_UTF8.decode(bytes);
  } catch {
    return undefined;
  }
}

/** What an attachment carries of a file of another file system: its text, or its exact bytes. */
export function otherFileSystemContent(
  bytes: Uint8Array,
): Pick<StoredAttachment, 'content' | 'base64' | 'contentType'> {
  const text = asText(bytes);
  if (text !== undefined) return { content: text };
  const contentType = sniffImage(bytes)?.contentType ?? 'application/octet-stream';
  return { base64: Buffer.from(bytes).toString('base64'), contentType };
}
