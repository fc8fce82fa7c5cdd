import { randomUUID } from 'node:crypto';
import type { ChatSessions } from './chatSessions';
import { tabMemory } from './sessionMemory';
import type { KeyValueStore } from './targets';

/**
 * The surface id for an editor tab VS Code restores, from the id its page saved. A page is
 * untrusted: one naming the id of a tab that is still open would share that tab's record (its
 * draft, and every conversation it opens or starts would overwrite the other tab's), so it gets a
 * new id instead. That new record names only the live tab's conversation, so the restored tab
 * still takes it over once the live tab closes: the web workbench keeps the extension host across
 * a reload and can close a tab's old webview only after its new one was restored.
 */
export async function restoredTabId(
  sessions: ChatSessions,
  workspaceState: KeyValueStore,
  savedId: string | undefined,
): Promise<string> {
  if (savedId === undefined) return randomUUID();
  if (!sessions.all().some((s) => s.surface.id === savedId)) return savedId;
  const id = randomUUID();
  const { conversationId } = tabMemory(workspaceState, savedId).read();
  if (conversationId !== undefined) await tabMemory(workspaceState, id).write({ conversationId });
  return id;
}
