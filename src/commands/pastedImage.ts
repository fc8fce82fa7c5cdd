import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ChatSession } from '../chat/chatSession';
import { decodedLength, sniffImage } from '../chat/imageBytes';
import { attachmentMaxBytes } from '../config/settings';
import { describeProvider } from '../shared/providers';
import { formatSize } from './attachments';
import { queueCheckedFile } from './dropAttachments';
import { sweepOldPastes } from './pastedImageSweep';

const t = vscode.l10n.t;

/**
 * Images pasted into the chat. The page has the clipboard's bytes (not a file), so the host
 * checks them itself: the size limit before decoding, the bytes must be an image, and a provider
 * that takes text only refuses them with one sentence instead of inlining binary. An accepted
 * image is written under the extension's storage and then attached like any file, so it is
 * streamed from disk when sent and held to that file when sent again.
 */
export class PastedImages {
  private count = 0;
  /** Old pastes are removed once per session, at its first paste (pastedImageSweep.ts). */
  private swept = false;

  constructor(private readonly folder: string) {}

  async attach(controller: ChatSession, base64: string, key: string): Promise<void> {
    const refusal = this.refusal(controller, base64);
    if (refusal) {
      void vscode.window.showWarningMessage(refusal);
      return;
    }
    const bytes = Buffer.from(base64, 'base64');
    const kind = sniffImage(bytes);
    if (!kind) {
      void vscode.window.showWarningMessage(
        t('The pasted data is not a PNG, JPEG, GIF or WebP image, so it was not attached.'),
      );
      return;
    }
    const file = path.join(
      this.folder,
      randomUUID(),
      `pasted-image-${++this.count}.${kind.extension}`,
    );
    if (!this.swept) {
      this.swept = true;
      await sweepOldPastes(this.folder, Date.now());
    }
    await fs.mkdir(path.dirname(file), { recursive: true });
    await fs.writeFile(file, bytes, { flag: 'wx' });
    await queueCheckedFile(controller, vscode.Uri.file(file), kind.contentType, key);
  }

  private refusal(controller: ChatSession, base64: string): string | undefined {
    const provider = controller.selectedProvider();
    if (provider && describeProvider(provider).attachments === 'inline') {
      return t(
        '{0} takes only text, so the pasted image was not attached. Pick a KamiMind bot to send images.',
        describeProvider(provider).label,
      );
    }
    const size = decodedLength(base64);
    const max = attachmentMaxBytes();
    if (size <= max) return undefined;
    return t(
      'The pasted image is {0}, over the {1} limit (setting twinChat.attachments.maxSizeMB).',
      formatSize(size),
      formatSize(max),
    );
  }
}
