import {
  HOST_COMMAND_IDS,
  MAX_PASTED_IMAGE_BYTES,
  type Base64Bytes,
  type HostCommandId,
  type WebviewToHost,
} from './protocol';

// The webview renders model output, so the host treats everything it posts as untrusted input:
// unknown types, missing or mistyped fields and oversized strings are all rejected.

/** How a field is checked; derived from the field's declared type, so the two cannot drift. */
type FieldKind<V> = V extends HostCommandId
  ? 'command'
  : V extends Base64Bytes
    ? 'base64'
    : V extends string
      ? 'string'
      : V extends number
        ? 'number'
        : never;

/** Every field of one message but `type`, each with the check its declared type calls for. */
type Schema<M> = { [K in Exclude<keyof M, 'type'>]-?: FieldKind<M[K]> };

/** Longest string the webview may send: a large pasted prompt, far below memory trouble. */
export const MAX_INBOUND_STRING = 1_000_000;

/** Base64 of the largest pasted image: 4 characters for every 3 bytes. */
export const MAX_INBOUND_BASE64 = Math.ceil(MAX_PASTED_IMAGE_BYTES / 3) * 4;

const HOST_COMMANDS: ReadonlySet<string> = new Set(HOST_COMMAND_IDS);
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

// Typed against WebviewToHost: renaming, adding or retyping a field there without changing its
// schema here fails to compile, and so does a message type with no schema.
const SCHEMAS: { [T in WebviewToHost['type']]: Schema<Extract<WebviewToHost, { type: T }>> } = {
  'webview/ready': { protocolVersion: 'number' },
  'chat/send': { text: 'string' },
  'chat/cancel': { requestId: 'string' },
  'chat/retry': { messageId: 'string' },
  'chat/edit': { messageId: 'string', text: 'string' },
  'chat/regenerate': { messageId: 'string' },
  'branch/switch': { messageId: 'string' },
  'message/delete': { messageId: 'string' },
  'message/copy': { messageId: 'string' },
  'conversation/copy': {},
  'chat/new': {},
  'target/select': { key: 'string' },
  'targets/refresh': {},
  'conversation/open': { conversationId: 'string' },
  'conversation/rename': { conversationId: 'string', title: 'string' },
  'conversation/delete': { conversationId: 'string' },
  'conversation/restore': { conversationId: 'string' },
  'conversation/export': { conversationId: 'string' },
  'search/query': { query: 'string' },
  'search/more': { query: 'string', from: 'number' },
  'attachment/remove': { attachmentId: 'string' },
  'attachment/addUris': { uris: 'string' },
  'attachment/pasteImage': { data: 'base64', key: 'string' },
  'mention/query': { query: 'string' },
  'draft/changed': { text: 'string' },
  'link/open': { url: 'string' },
  'code/copy': { code: 'string' },
  'error/copyDetails': { text: 'string' },
  'code/insert': { code: 'string' },
  'code/open': { code: 'string', language: 'string' },
  'command/run': { command: 'command' },
  'serverConversations/list': { twinKey: 'string', page: 'number' },
  'serverConversations/open': { twinKey: 'string', remoteId: 'string' },
};

type AnyFieldKind = 'string' | 'number' | 'command' | 'base64';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function fieldIsValid(value: unknown, kind: AnyFieldKind): boolean {
  switch (kind) {
    case 'string':
      return typeof value === 'string' && value.length <= MAX_INBOUND_STRING;
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'command':
      return typeof value === 'string' && HOST_COMMANDS.has(value);
    case 'base64':
      return (
        typeof value === 'string' &&
        value.length > 0 &&
        value.length <= MAX_INBOUND_BASE64 &&
        BASE64.test(value)
      );
  }
}

function isKnownType(type: string): type is WebviewToHost['type'] {
  return Object.prototype.hasOwnProperty.call(SCHEMAS, type);
}

/**
 * Returns a copy holding only the declared fields if the message is well-formed, otherwise
 * undefined (the caller logs and drops it).
 */
export function parseWebviewMessage(raw: unknown): WebviewToHost | undefined {
  if (!isRecord(raw) || typeof raw.type !== 'string' || !isKnownType(raw.type)) return undefined;
  const schema: Record<string, AnyFieldKind> = SCHEMAS[raw.type];
  const message: Record<string, unknown> = { type: raw.type };
  for (const [field, kind] of Object.entries(schema)) {
    if (!fieldIsValid(raw[field], kind)) return undefined;
    message[field] = raw[field];
  }
  return message as WebviewToHost;
}
