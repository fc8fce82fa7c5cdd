import type * as vscode from 'vscode';
import type { ChatSession } from '../chat/chatSession';
import { attachDroppedUris } from '../commands/dropAttachments';
import { PastedImages } from '../commands/pastedImage';
import { Disposable } from '../disposable';

/**
 * What the composer hands the host besides text: dropped or mentioned files, pasted images and
 * `#` queries. Each is checked on the host (commands/dropAttachments.ts, commands/pastedImage.ts)
 * before anything is read; the view only names files and forwards clipboard bytes.
 */
export class ComposerIntake extends Disposable {
  private readonly pasted: PastedImages;

  constructor(pastedImagesFolder: vscode.Uri) {
    super();
    this.pasted = new PastedImages(pastedImagesFolder.fsPath);
  }

  addUris(chat: ChatSession, uris: string): Promise<void> {
    return attachDroppedUris(chat, uris);
  }

  pasteImage(chat: ChatSession, base64: string, key: string): Promise<void> {
    return this.pasted.attach(chat, base64, key);
  }
}
