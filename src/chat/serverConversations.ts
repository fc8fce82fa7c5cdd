// Conversations found on the server (made in TwinExpert's web app or KamiMind's app) become local
// conversations linked by their server id, so the next message continues the same server-side
// conversation or story (design.md section 9). A server conversation already linked locally, by an
// earlier import or because Twin Chat started it, is reused, never duplicated.
import { randomUUID } from 'node:crypto';
import type { HistoryMessage } from '../providers/types';
import type { ConversationSummary } from '../shared/protocol';
import type { ConversationStore } from './conversationStore';
import { oneLinkAtATime } from './oneLinkAtATime';
import {
  serverIdsOf,
  newConversation,
  titleFrom,
  type Conversation,
  type StoredTarget,
} from './model';

export interface ServerConversation {
  target: StoredTarget;
  /** TwinExpert conversation id or KamiMind story_id. */
  remoteId: string;
  /** The server's title, when it has one. */
  title?: string;
  /** Empty when the server offers no history ("continue only"). */
  messages: readonly HistoryMessage[];
}

export interface LinkedConversation {
  id: string;
  /** False when the server conversation was already linked to this local one. */
  created: boolean;
}

/**
 * A conversation's server ids as its index entry keeps them; undefined for an entry written before
 * the index kept them, when only its file can tell.
 */
export function indexedServerIds(summary: ConversationSummary): string[] | undefined {
  if (summary.remoteId === undefined) return undefined;
  return [summary.remoteId, ...(summary.branchRemoteIds ?? [])].filter((id) => id !== '');
}

/** The local conversation linked to `remoteId` for the same provider, if any. */
export async function findLinked(
  store: ConversationStore,
  target: StoredTarget,
  remoteId: string,
): Promise<Conversation | undefined> {
  for (const summary of await store.list()) {
    if (summary.provider !== target.provider) continue;
    // The index knows most conversations' server ids: only a likely match is read.
    if (indexedServerIds(summary)?.includes(remoteId) === false) continue;
    const conversation = await store.load(summary.id);
    if (
      conversation &&
      serverIdsOf(conversation).includes(remoteId) &&
      conversation.target?.provider === target.provider
    )
      return conversation;
  }
  return undefined;
}

export function toLocalConversation(server: ServerConversation, now = Date.now()): Conversation {
  const conversation = newConversation(randomUUID(), now, server.target);
  conversation.remoteId = server.remoteId;
  conversation.messages = server.messages.map((m) => {
    const time = m.time === undefined ? NaN : Date.parse(m.time);
    return {
      id: randomUUID(),
      role: m.role,
      text: m.text,
      status: 'complete' as const,
      createdAt: Number.isNaN(time) ? now : time,
    };
  });
  const firstQuestion = server.messages.find((m) => m.role === 'user')?.text ?? '';
  conversation.title = titleFrom(server.title ?? '') || titleFrom(firstQuestion) || server.remoteId;
  conversation.updatedAt = conversation.messages.at(-1)?.createdAt ?? now;
  return conversation;
}

/** Saves the server conversation as a local one (unless already linked) and returns its id. */
export function linkServerConversation(
  store: ConversationStore,
  server: ServerConversation,
  now = Date.now(),
): Promise<LinkedConversation> {
  return oneLinkAtATime(store, serverKey(server.target, server.remoteId), () =>
    linkNow(store, server, now),
  );
}

/** Which server conversation it is, as `oneLinkAtATime` takes turns by. */
export function serverKey(target: StoredTarget, remoteId: string): string {
  return `${target.provider}:${remoteId}`;
}

/** `linkServerConversation` for a caller already taking its turn for this server conversation. */
export async function linkNow(
  store: ConversationStore,
  server: ServerConversation,
  now = Date.now(),
): Promise<LinkedConversation> {
  const linked = await findLinked(store, server.target, server.remoteId);
  if (linked) return { id: linked.id, created: false };
  const conversation = toLocalConversation(server, now);
  await store.save(conversation);
  return { id: conversation.id, created: true };
}
