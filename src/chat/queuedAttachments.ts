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

  /**
   * Queues what is not queued yet and returns how many were new. A saved file is queued once,
   * however often it is dropped, picked with `#` or attached: two chips for one file would upload
   * it twice. Unsaved text has no path and is a snapshot of its own.
   */
  add(...attachments: StoredAttachment[]): number {
    const fresh = attachments.filter(
      (attachment, i) =>
        attachment.path === undefined ||
        (!this.holds(attachment.path) &&
          attachments.findIndex((other) => other.path === attachment.path) === i),
    );
    this.queued.push(...fresh);
    this.post();
    return fresh.length;
  }

  /** Whether the file at `path` is already waiting for the next message. */
  holds(path: string): boolean {
    return this.queued.some((attachment) => attachment.path === path);
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
