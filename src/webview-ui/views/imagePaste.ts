import { MAX_PASTED_IMAGE_BYTES, type Base64Bytes } from '../../shared/protocol';
import type { Post } from '../actions';
import { t } from '../strings';
import { keepThumbnail } from '../thumbnails';
import { humanSize } from './format';

// A pasted screenshot is clipboard bytes, not a file: the page reads them (nothing else can) and
// hands them to the host, which checks, names and attaches them. Text on the clipboard wins, so
// pasting text (even text that comes with a picture of itself, as office apps copy) pastes text.

/** The image on the clipboard, when it holds an image and no text. */
export function clipboardImage(data: DataTransfer | null): File | undefined {
  if (!data || data.types.includes('text/plain')) return undefined;
  for (const item of Array.from(data.items)) {
    if (item.kind === 'file' && item.type.startsWith('image/'))
      return item.getAsFile() ?? undefined;
  }
  return undefined;
}

function base64(image: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = typeof reader.result === 'string' ? reader.result : '';
      resolve(url.replace(/^data:[^,]*,/, ''));
    };
    reader.onerror = () => reject(reader.error ?? new Error('unreadable'));
    reader.readAsDataURL(image);
  });
}

let pasted = 0;

async function sendImage(image: File, post: Post, notice: (text: string) => void) {
  if (image.size > MAX_PASTED_IMAGE_BYTES) {
    notice(t('pastedImageTooLarge', humanSize(image.size), humanSize(MAX_PASTED_IMAGE_BYTES)));
    return;
  }
  try {
    const data = (await base64(image)) as Base64Bytes;
    const key = `paste-${Date.now().toString(36)}-${++pasted}`;
    keepThumbnail(key, image);
    post({ type: 'attachment/pasteImage', data, key });
  } catch {
    notice(t('pastedImageUnreadable'));
  }
}

export function installImagePaste(
  input: HTMLTextAreaElement,
  post: Post,
  notice: (text: string) => void,
): void {
  input.addEventListener('paste', (event) => {
    const image = clipboardImage(event.clipboardData);
    if (!image) return;
    event.preventDefault();
    void sendImage(image, post, notice);
  });
}
