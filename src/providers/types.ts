// The provider contract shared by the extension host, the CLI and the tests. Nothing here may
// depend on VS Code: the same objects run in the extension host and in plain Node.
import type { ProviderId } from '../shared/providers';
import type { ProviderError } from './errors';

// The id and what each provider is like are described once, in src/shared/providers.ts.
export type { ProviderId };

export interface ChatTarget {
  provider: ProviderId;
  id: string;
  label: string;
  description?: string;
  /** A twin's own words from GET /twins/{id}, when fetched: the chat header shows them. */
  details?: TargetDetails;
}

/** Text only: images (avatars) are never kept, so nothing remote is ever loaded. */
export interface TargetDetails {
  description?: string;
  /** Other short text fields (expertise, tags…), in the server's words. */
  fields: { name: string; value: string }[];
}

/**
 * Which file a path named when it was checked. Sending compares it with the file it opens, so a
 * file swapped (or grown) after the check is refused rather than uploaded unchecked.
 */
export interface FileIdentity {
  dev: number;
  ino: number;
  size: number;
  mtimeMs: number;
}

/** `path` => streamed from disk while sent; `data` => in memory (an unsaved editor buffer). */
export interface Attachment {
  name: string;
  size: number;
  contentType?: string;
  path?: string;
  /** When given, the file must still be this one (same inode, size and time) when it is sent. */
  identity?: FileIdentity;
  data?: Uint8Array;
}

export interface SendRequest {
  targetId: string;
  conversationId?: string;
  text: string;
  attachments?: readonly Attachment[];
  stream: boolean;
}

export type ChatEvent =
  | { type: 'conversation'; conversationId: string }
  | { type: 'progress'; message: string }
  | { type: 'delta'; text: string }
  | { type: 'complete'; text: string; conversationId?: string }
  | { type: 'error'; error: ProviderError; partialText: string; conversationId?: string };

export interface HistoryMessage {
  role: 'user' | 'assistant';
  text: string;
  /** ISO 8601 */
  time?: string;
}

export interface ConnectionCheck {
  ok: boolean;
  detail: string;
  requestId?: string;
  error?: ProviderError;
  /** What the check asked, for the log, when its request would otherwise read as a failure there. */
  probe?: string;
}

export interface ChatProvider {
  readonly id: ProviderId;
  /** TwinExpert: every page of /twins; KamiMind: the configured bots. */
  listTargets(signal?: AbortSignal): Promise<ChatTarget[]>;
  /** Ends after exactly one terminal event (complete | error); never throws for API/network failures. */
  send(request: SendRequest, signal: AbortSignal): AsyncIterable<ChatEvent>;
  history?(conversationId: string, signal?: AbortSignal): Promise<HistoryMessage[]>;
  checkConnection(signal?: AbortSignal): Promise<ConnectionCheck>;
}
