import type * as vscode from 'vscode';
import type { ChatController } from '../chat/chatController';
import { attachDroppedUris } from '../commands/dropAttachments';
import { PastedImages } from '../commands/pastedImage';
import type { MentionFile } from '../shared/protocol';
import { Disposable } from '../disposable';
import { MentionSearch } from './mentionSearch';

/**
 * What the composer hands the host besides text: dropped or mentioned files, pasted images and
 * `#` queries. Each is checked on the host (commands/dropAttachments.ts, commands/pastedImage.ts)
 * before anything is read; the view only names files and forwards clipboard bytes.
 */
export class ComposerIntake extends Disposable {
  private readonly mentions = this.register(new MentionSearch());
  private readonly pasted: PastedImages;

  constructor(pastedImagesFolder: vscode.Uri) {
    super();
    this.pasted = new PastedImages(pastedImagesFolder.fsPath);
  }

  addUris(chat: ChatController, uris: string): Promise<void> {
    return attachDroppedUris(chat, uris);
  }

  pasteImage(chat: ChatController, base64: string, key: string): Promise<void> {
    return this.pasted.attach(chat, base64, key);
  }

  /** The `#` list for `query`; undefined when a newer query cancelled it (nothing to show). */
  mention(query: string): Promise<MentionFile[] | undefined> {
    return this.mentions.search(query);
  }
}
