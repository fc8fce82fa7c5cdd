// The host's side of the history panel's "On TwinExpert" section, free of `vscode` so unit tests
// drive it against the simulator: lists the selected twin's server conversations a page at a time
// and opens one through the same import as "Open TwinExpert Conversation...". Failures go back to
// the section as one sentence, never as a blank list.
import { ProviderError } from '../providers/errors';
import type { TwinExpertServer } from '../providers/twinExpertServer';
import {
  MAX_SERVER_CONVERSATION_PAGES,
  type HostToWebview,
  type TargetsView,
} from '../shared/protocol';
import type { ConversationStore } from './conversationStore';
import { parseTargetKey } from './targets';
import { linkedRemoteIds, serverConversationPage } from './twinExpertImport';

/** What the handler needs of the chat that asked (a ChatSession is one). */
export interface SectionChat {
  targetsView(): TargetsView;
  readonly shared: {
    readonly deps: { store: ConversationStore; twinExpertServer?(): TwinExpertServer };
  };
  open(conversationId: string): Promise<void>;
}

export interface SectionHost {
  /** Posts to the webview that asked, and no other. */
  answer(message: HostToWebview): unknown;
  /** The import, show and "continue only" notice shared with the command. */
  openConversation(
    chat: SectionChat,
    twin: { id: string; label: string },
    conversation: { id: string; title?: string },
  ): Promise<void>;
  /** The sentence for a failure that is not the service's (a bug): logged, told in general. */
  unexpected(error: unknown): string;
}

/** The twin a key names, if it is a TwinExpert twin. */
function twinOf(chat: SectionChat, twinKey: string): { id: string; label: string } | undefined {
  const parsed = parseTargetKey(twinKey);
  if (parsed?.provider !== 'twinexpert') return undefined;
  const known = chat.targetsView().targets.find((target) => target.key === twinKey);
  return { id: parsed.id, label: known?.label ?? parsed.id };
}

export class ServerConversationsHandler {
  /**
   * The server ids linked locally, read once per listing (from its first page): finding them
   * reads every local TwinExpert conversation, too much to repeat for each page.
   */
  private linked: Promise<ReadonlySet<string>> | undefined;

  constructor(private readonly host: SectionHost) {}

  async list(chat: SectionChat, twinKey: string, page: number): Promise<void> {
    const twin = twinOf(chat, twinKey);
    const server = chat.shared.deps.twinExpertServer?.();
    if (!twin || !server) return;
    if (!Number.isInteger(page) || page < 1 || page > MAX_SERVER_CONVERSATION_PAGES) return;
    try {
      const { store } = chat.shared.deps;
      if (page === 1 || !this.linked) this.linked = linkedRemoteIds(store, 'twinexpert');
      const linked = this.linked;
      const loaded = await serverConversationPage(server, () => linked, twin.id, page);
      await this.host.answer({ type: 'serverConversations/page', twinKey, page, ...loaded });
    } catch (error) {
      this.linked = undefined;
      await this.fail(twinKey, page, error);
    }
  }

  async open(chat: SectionChat, twinKey: string, remoteId: string, title: string): Promise<void> {
    const twin = twinOf(chat, twinKey);
    if (!twin || remoteId === '') return;
    try {
      await this.host.openConversation(chat, twin, { id: remoteId, title });
      this.linked = undefined; // one more is linked now
    } catch (error) {
      // Page 0: not a page of the list; the section shows the sentence above its rows.
      await this.fail(twinKey, 0, error);
    }
  }

  private async fail(twinKey: string, page: number, error: unknown): Promise<void> {
    const message =
      error instanceof ProviderError ? error.userMessage : this.host.unexpected(error);
    await this.host.answer({ type: 'serverConversations/error', twinKey, page, message });
  }
}
