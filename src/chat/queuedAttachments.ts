import type { AttachmentView } from '../shared/protocol';
import type { ChatSurface } from './chatSurface';
import type { StoredAttachment } from './model';
import { attachmentView } from './views';

/**
 * The files waiting in one chat's composer for its next message. Every change is shown at once
 * on the chat's surface, so the chips always say exactly what the next send will carry.
 */
export class QueuedAttachments {
  private queued: StoredAttachment[];

  constructor(
    private readonly surface: ChatSurface,
    initial: StoredAttachment[] = [],
  ) {
    this.queued = initial;
  }

  add(...attachments: StoredAttachment[]): void {
    this.queued.push(...attachments);
    this.post();
  }

  remove(attachmentId: string): void {
    this.queued = this.queued.filter((a) => a.id !== attachmentId);
    this.post();
  }

  /** Empties the queue and returns what was in it, for a send. */
  takeAll(): StoredAttachment[] {
    const taken = this.queued.splice(0);
    this.post();
    return taken;
  }

  views(): AttachmentView[] {
    return this.queued.map(attachmentView);
  }

  private post(): void {
    this.surface.post({ type: 'attachments/update', attachments: this.views() });
  }
}
