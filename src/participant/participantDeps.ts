import type { MarkdownString, Range, Uri } from 'vscode';
import type { OutgoingText } from '../chat/answers';
import type { Conversation, StoredAttachment, StoredTarget } from '../chat/model';
import type { RequestRun } from '../chat/requestRun';
import type { HostToWebview, TargetView } from '../shared/protocol';
import type { ProviderId } from '../shared/providers';

// What the @twin participant needs from the rest of Twin Chat, and nothing more. The participant
// depends on this narrow interface, not on the chat controller (which is being reshaped into
// per-surface sessions), so either side can change without the other. register.ts implements it
// from what exists: targets.ts, the chat sessions' conversations and answers, and the Attach
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
  /**
   * Twin Chat's conversations (ChatSessions), so Chat view transcripts show in its history and a
   * chat there never holds a second copy of one.
   */
  conversations: {
    /** The live copy when a chat shows it or an answer streams into it, else the saved one. */
    load(id: string): Promise<Conversation | undefined>;
    /**
     * Streams the answer as a Twin Chat chat's own (src/chat/chatViewAnswer.ts): saved, shown in
     * a chat showing the conversation, every message also to `watch`; `started` gets the run.
     * False, with nothing sent, while another answer streams into the conversation.
     */
    answer(
      conversation: Conversation,
      outgoing: OutgoingText,
      watch: (message: HostToWebview) => void,
      started: (run: RequestRun) => void,
    ): Promise<boolean>;
  };
  /**
   * The Attach command's checks for one reference (size limit, secret-file confirmation, binary
   * refusal for TwinExpert); throws AttachmentRefused with a sentence for the user.
   */
  prepareAttachment(reference: ReferenceValue, provider: ProviderId): Promise<StoredAttachment>;
  /** Untrusted Markdown for the response stream: no command links, no HTML. */
  markdown(text: string): MarkdownString;
  /** vscode.l10n.t, or a stand-in in tests. */
  t: (message: string, ...args: (string | number)[]) => string;
  log: { warn(message: string): void };
}
