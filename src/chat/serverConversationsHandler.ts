// The host's side of the history panel's "On TwinExpert" section, free of `vscode` so unit tests
// drive it against the simulator: lists the selected twin's server conversations a page at a time
// and opens one through the same import as "Open TwinExpert Conversation...". Failures go back to
// the section as one sentence, never as a blank list or an endless "Loading…".
//
// The page is untrusted (design.md section 5): it names a twin and a conversation, but only a twin
// in the target list is listed, and only a conversation this handler listed to it is opened, under
// the title the server gave (never one the page sends).
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

/** The sentences the handler says itself, in the reader's language. */
export interface SectionSentences {
  /** The page named a twin that is not (or no longer) one of the user's TwinExpert twins. */
  unknownTwin: string;
  /** The page asked to open a conversation that was not in the list shown to it. */
  notListed: string;
}

export interface SectionHost {
  /** Posts to the webview that asked, and no other. */
  answer(message: HostToWebview): unknown;
  /** The import, show and "continue only" notice shared with the command. */
  openConversation(
    chat: SectionChat,
    server: TwinExpertServer,
    twin: { id: string; label: string },
    conversation: { id: string; title?: string },
  ): Promise<void>;
  /** The sentence for a failure that is not the service's (a bug): logged, told in general. */
  unexpected(error: unknown): string;
  readonly sentences: SectionSentences;
}

/** A twin the chat's target list holds: the only ones whose conversations are listed. */
function twinOf(chat: SectionChat, twinKey: string): { id: string; label: string } | undefined {
  const parsed = parseTargetKey(twinKey);
  if (parsed?.provider !== 'twinexpert') return undefined;
  const known = chat.targetsView().targets.find((target) => target.key === twinKey);
  return known?.provider === 'twinexpert' ? { id: parsed.id, label: known.label } : undefined;
}

/** A conversation listed to the page: its title is the server's, as listed. */
interface ListedConversation {
  title?: string;
}

export class ServerConversationsHandler {
  /**
   * The server ids linked locally, read once per listing (from its first page): finding them
   * reads every local TwinExpert conversation, too much to repeat for each page.
   */
  private linked: Promise<ReadonlySet<string>> | undefined;
  /** Per twin key, the conversations of its current listing (since its page 1): all it may open. */
  private readonly listed = new Map<string, Map<string, ListedConversation>>();

  constructor(private readonly host: SectionHost) {}

  async list(chat: SectionChat, twinKey: string, page: number): Promise<void> {
    if (!Number.isInteger(page) || page < 1 || page > MAX_SERVER_CONVERSATION_PAGES) return;
    const twin = twinOf(chat, twinKey);
    if (!twin) return this.refuse(twinKey, page, this.host.sentences.unknownTwin);
    try {
      const server = this.serverOf(chat);
      const { store } = chat.shared.deps;
      if (page === 1 || !this.linked) this.linked = linkedRemoteIds(store, 'twinexpert');
      const linked = this.linked;
      const loaded = await serverConversationPage(server, () => linked, twin.id, page);
      const conversations = this.remember(twinKey, page, loaded.conversations);
      await this.host.answer({
        type: 'serverConversations/page',
        twinKey,
        page,
        ...loaded,
        conversations,
      });
    } catch (error) {
      this.linked = undefined;
      await this.fail(twinKey, page, error);
    }
  }

  async open(chat: SectionChat, twinKey: string, remoteId: string): Promise<void> {
    const twin = twinOf(chat, twinKey);
    // Page 0: not a page of the list; the section shows the sentence above its rows.
    if (!twin) return this.refuse(twinKey, 0, this.host.sentences.unknownTwin);
    const listed = this.listed.get(twinKey)?.get(remoteId);
    if (!listed) return this.refuse(twinKey, 0, this.host.sentences.notListed);
    try {
      const conversation = { id: remoteId, ...listed };
      await this.host.openConversation(chat, this.serverOf(chat), twin, conversation);
      this.linked = undefined; // one more is linked now
      await this.host.answer({ type: 'serverConversations/opened', twinKey, remoteId });
    } catch (error) {
      await this.fail(twinKey, 0, error);
    }
  }

  private serverOf(chat: SectionChat): TwinExpertServer {
    const server = chat.shared.deps.twinExpertServer?.();
    if (!server) throw new Error('The chat has no TwinExpert server client.');
    return server;
  }

  /** Page 1 starts the twin's listing afresh: what the page showed before is gone from it. */
  /**
   * Adds a page's rows to the twin's listing, and returns those it did not hold yet. The server
   * pages newest first by offset: a conversation answered between two pages moves to the front
   * and pushes the rows after it down, so the next page starts again with one already listed.
   */
  private remember<Row extends { id: string; title?: string }>(
    twinKey: string,
    page: number,
    rows: readonly Row[],
  ): Row[] {
    const known =
      (page === 1 ? undefined : this.listed.get(twinKey)) ?? new Map<string, ListedConversation>();
    this.listed.set(twinKey, known);
    const fresh: Row[] = [];
    for (const row of rows) {
      if (known.has(row.id)) continue;
      known.set(row.id, row.title !== undefined ? { title: row.title } : {});
      fresh.push(row);
    }
    return fresh;
  }

  private async refuse(twinKey: string, page: number, message: string): Promise<void> {
    await this.host.answer({ type: 'serverConversations/error', twinKey, page, message });
  }

  private async fail(twinKey: string, page: number, error: unknown): Promise<void> {
    const message =
      error instanceof ProviderError ? error.userMessage : this.host.unexpected(error);
    await this.refuse(twinKey, page, message);
  }
}
