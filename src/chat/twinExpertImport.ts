// The one way a TwinExpert conversation kept on the server becomes a local one, shared by
// "Open TwinExpert Conversation..." and the history panel's "On TwinExpert" section, so both
// import, link and explain "continue only" alike. Free of `vscode`, so unit tests run it against
// the simulator.
import { ProviderError } from '../providers/errors';
import type { HistoryMessage } from '../providers/types';
import type { TwinExpertServer } from '../providers/twinExpertServer';
import type { ServerConversationView } from '../shared/protocol';
import type { ConversationStore } from './conversationStore';
import { serverIdsOf, type StoredTarget } from './model';
import { oneLinkAtATime } from './oneLinkAtATime';
import { findLinked, indexedServerIds, linkNow, serverKey } from './serverConversations';

export interface ImportedConversation {
  /** The local conversation's id. */
  id: string;
  /** False when it was linked already: nothing was fetched or saved. */
  created: boolean;
  /** The server had no history for it (404): it opens empty and the next message continues it. */
  continueOnly: boolean;
}

/** The server said the conversation itself is missing (deleted since it was listed). */
const CONVERSATION_MISSING = /conversation[\s_-]?not[\s_-]?found/i;

/**
 * Its messages, or 'continueOnly' when the (undocumented) history endpoint is not there. A 404
 * that says the conversation is not found is not that: it is gone (deleted in the web app after
 * the list showed it), and linking it would promise a continuation the server then refuses.
 */
async function serverMessages(
  server: TwinExpertServer,
  remoteId: string,
): Promise<HistoryMessage[] | 'continueOnly'> {
  try {
    return await server.messages(remoteId);
  } catch (error) {
    if (!(error instanceof ProviderError) || error.kind !== 'notFound') throw error;
    if (CONVERSATION_MISSING.test(`${error.code ?? ''} ${error.userMessage}`)) throw error;
    return 'continueOnly';
  }
}

/**
 * The local conversation linked to the server's `remoteId`, imported with its messages first if
 * there is none. Rejects with the service's ProviderError (key, quota, network) otherwise.
 */
export function importTwinExpertConversation(
  server: TwinExpertServer,
  store: ConversationStore,
  target: StoredTarget,
  conversation: { id: string; title?: string },
): Promise<ImportedConversation> {
  return oneLinkAtATime(store, serverKey(target, conversation.id), () =>
    importNow(server, store, target, conversation),
  );
}

async function importNow(
  server: TwinExpertServer,
  store: ConversationStore,
  target: StoredTarget,
  conversation: { id: string; title?: string },
): Promise<ImportedConversation> {
  const linked = await findLinked(store, target, conversation.id);
  if (linked) return { id: linked.id, created: false, continueOnly: false };
  const history = await serverMessages(server, conversation.id);
  const continueOnly = history === 'continueOnly';
  const title = conversation.title?.trim() || undefined;
  const saved = await linkNow(store, {
    target,
    remoteId: conversation.id,
    ...(title ? { title } : {}),
    messages: continueOnly ? [] : history,
  });
  return { id: saved.id, created: saved.created, continueOnly };
}

/**
 * The server ids already linked to local conversations of `provider`, from the index: only an
 * entry written before the index kept them (no `remoteId` at all) costs a read of its file.
 */
export async function linkedRemoteIds(
  store: ConversationStore,
  provider: StoredTarget['provider'],
): Promise<Set<string>> {
  const ids = new Set<string>();
  for (const summary of await store.list()) {
    if (summary.provider !== provider) continue;
    const indexed = indexedServerIds(summary);
    const conversation = indexed ? undefined : await store.load(summary.id);
    for (const id of indexed ?? (conversation ? serverIdsOf(conversation) : [])) ids.add(id);
  }
  return ids;
}

/** Page `page` of the twin's server conversations, each marked when its id is in `linked`. */
export async function serverConversationPage(
  server: TwinExpertServer,
  linked: () => Promise<ReadonlySet<string>>,
  twinId: string,
  page: number,
): Promise<{ conversations: ServerConversationView[]; hasMore: boolean }> {
  const loaded = await server.conversations({ twinId, page });
  const linkedIds = await linked();
  const conversations = loaded.conversations.map((c) => ({
    id: c.id,
    ...(c.title !== undefined ? { title: c.title } : {}),
    ...(c.updatedAt !== undefined ? { updatedAt: c.updatedAt } : {}),
    ...(linkedIds.has(c.id) ? { linked: true } : {}),
  }));
  return { conversations, hasMore: loaded.hasMore };
}
