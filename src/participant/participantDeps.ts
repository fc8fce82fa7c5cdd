import type { MarkdownString, Range, Uri } from 'vscode';
import type { Conversation, StoredAttachment, StoredTarget } from '../chat/model';
import type { ChatProvider } from '../providers/types';
import type { TargetView } from '../shared/protocol';
import type { ProviderId } from '../shared/providers';

// What the @twin participant needs from the rest of Twin Chat, and nothing more. The participant
// depends on this narrow interface, not on the chat controller (which is being reshaped into
// per-surface sessions), so either side can change without the other. register.ts implements it
// from what exists: targets.ts, the provider factory, the conversation store and the Attach
// command's checks. Tests implement it over the simulator.

/** One piece of code or text the user added to a request (#file, #selection, an attached file). */
export type ReferenceValue = { kind: 'file'; uri: Uri } | { kind: 'range'; uri: Uri; range: Range };

export interface ParticipantDeps {
  /** Every twin and bot, fetched once and again on `refresh` (for /twins). */
  listTargets(refresh: boolean): Promise<TargetView[]>;
  /** The twin or bot Twin Chat has selected now (the same choice as its own view's picker). */
  selectedTarget(): Promise<StoredTarget | undefined>;
  /** Makes `key` the selected target, for Twin Chat's view too. */
  selectTarget(key: string): Promise<void>;
  provider(kind: ProviderId): ChatProvider;
  /** The conversation store, so Chat view transcripts show in Twin Chat's history. */
  store: {
    load(id: string): Promise<Conversation | undefined>;
    save(conversation: Conversation): Promise<void>;
  };
  /** The store's list changed (a Chat view turn was saved): Twin Chat's history shows it. */
  historyChanged(): void;
  /**
   * The Attach command's checks for one reference (size limit, secret-file confirmation, binary
   * refusal for TwinExpert); throws AttachmentRefused with a sentence for the user.
   */
  prepareAttachment(reference: ReferenceValue, provider: ProviderId): Promise<StoredAttachment>;
  /** twinChat.attachments.maxSizeMB in bytes, checked again when sent. */
  attachmentMaxBytes(): number;
  streaming(): boolean;
  maxAnswerSizeMB(): number | undefined;
  /** Untrusted Markdown for the response stream: no command links, no HTML. */
  markdown(text: string): MarkdownString;
  /** vscode.l10n.t, or a stand-in in tests. */
  t: (message: string, ...args: (string | number)[]) => string;
  log: { warn(message: string): void };
}
