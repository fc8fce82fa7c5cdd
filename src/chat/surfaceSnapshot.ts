import type { ChatSessions } from './chatSessions';

/**
 * One chat surface as other extensions and the integration tests may see it: which conversation
 * it shows and whether an answer streams into it, never what the conversation says.
 */
export interface ChatSurfaceSnapshot {
  kind: 'sidebar' | 'editor';
  conversationId: string;
  streaming: boolean;
  /** Commands such as Send Selection act on this one. */
  active: boolean;
}

export function surfaceSnapshots(sessions: ChatSessions): ChatSurfaceSnapshot[] {
  const active = sessions.active();
  return sessions.all().map((session) => ({
    kind: session.surface.id === undefined ? 'sidebar' : 'editor',
    conversationId: session.currentConversationId(),
    streaming: session.isStreaming(),
    active: session === active,
  }));
}
