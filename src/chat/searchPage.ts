import type { ConversationStore } from './conversationStore';
import type { ChatSurface } from './chatSurface';

/**
 * A page of the history list's search hits, posted to the surface that asked: the first (`from`
 * 0) or the next the list asks for as it scrolls. The store keeps the query's run between pages.
 */
export async function postSearchPage(
  store: ConversationStore,
  surface: ChatSurface,
  query: string,
  from = 0,
): Promise<void> {
  const { hits, catchingUp, more } = await store.searchWithProgress(query, from);
  surface.post({
    type: 'search/results',
    query,
    hits,
    ...(catchingUp && { catchingUp }),
    ...(from > 0 && { from }),
    ...(more && { more }),
  });
}
