// The messages exchanged between the extension host and the chat webview. Imported by both bundles,
// so it must stay free of `vscode` and DOM types. Every inbound message is untrusted until
// `parseWebviewMessage` (protocolValidation.ts) has accepted it.
import type { ProviderId } from './providers';

/** Bumped whenever a message changes shape; the webview sends it in its ready handshake. */
export const PROTOCOL_VERSION = 1;

/** A twin or bot the user can talk to. `key` is `<provider>:<id>`; never a secret. */
export interface TargetView {
  key: string;
  provider: ProviderId;
  label: string;
  description?: string;
  /**
   * Not in the latest list (the key was rejected, listing failed, the twin is gone): shown under
   * its last known name so the open conversation still says who it is with.
   */
  unavailable?: boolean;
  /** A TwinExpert twin's description and other text fields (GET /twins/{id}), for the header. */
  details?: TargetDetailsView;
}

/** Text only, from the server: shown as text, never as markup; no image is ever sent. */
export interface TargetDetailsView {
  description?: string;
  fields: { name: string; value: string }[];
}

export type MessageStatus = 'complete' | 'streaming' | 'stopped' | 'interrupted' | 'error';

export type ErrorActionId = 'retry' | 'setTwinExpertKey' | 'setKamiMindToken' | 'showLogs';

export interface ErrorView {
  /** One sentence that says what happened and what to do next. */
  message: string;
  kind: string;
  /** When the server asked to wait; the view counts down before enabling Retry. */
  retryAfterSeconds?: number;
  actions: ErrorActionId[];
  /**
   * What the server itself said, e.g. `NOT_ENOUGH_AVAILABLE_MONEY: <its message>`, redacted of
   * secrets. Shown as text under the sentence, never as markdown or HTML.
   */
  detail?: string;
}

export interface AttachmentView {
  id: string;
  name: string;
  size: number;
  kind: 'file' | 'selection';
  /** e.g. "inlined as text: TwinExpert has no upload endpoint" */
  note?: string;
  /** A pasted image: the key the page gave its bytes, so the chip can show them as a thumbnail. */
  pasteKey?: string;
}

export interface MessageView {
  id: string;
  role: 'user' | 'assistant';
  text: string;
  status: MessageStatus;
  /** Epoch milliseconds. */
  createdAt: number;
  /** When an answer ended, epoch milliseconds; absent while streaming and in older files. */
  finishedAt?: number;
  attachments?: AttachmentView[];
  /** Latest `progress` text while streaming. */
  progress?: string;
  error?: ErrorView;
  /** The versions of this message (edits, regenerations) in order, itself included; absent if one. */
  siblingIds?: string[];
  /** Set on the first question of a branch, which has a server conversation of its own. */
  branch?: BranchMarkView;
}

/** The "branch of …" marker: what the branch was made from and what its server was told. */
export interface BranchMarkView {
  /** The first line of the question it was made from; empty if that was deleted. */
  of: string;
  /** Earlier turns sent with the branch's first message, and the oldest ones left out. */
  sentTurns: number;
  droppedTurns: number;
}

export interface ConversationView {
  id: string;
  title: string;
  target?: TargetView;
  messages: MessageView[];
}

export interface ConversationSummary {
  id: string;
  title: string;
  targetLabel: string;
  provider: ProviderId;
  /** Epoch milliseconds. */
  updatedAt: number;
  /** Shown in a chat surface now (the sidebar or an editor tab). */
  open?: boolean;
  /** An answer is streaming into it now. */
  streaming?: boolean;
  /** Held in VS Code's Chat view (@twin), not in Twin Chat's own view. */
  origin?: 'chatView';
  /**
   * The server conversation it is linked to, '' when none, so finding the linked ones needs no
   * file reads. Absent in an index written before it was kept: then only the file can tell.
   */
  remoteId?: string;
  /** The server conversations its later branches (Edit, Regenerate) started, when there are any. */
  branchRemoteIds?: string[];
}

/** Per provider: whether a credential is set (never the credential itself). */
export type CredentialPresence = Record<ProviderId, boolean>;

export interface TargetsView {
  targets: TargetView[];
  selectedKey?: string;
  loading: boolean;
  /** Set when listing twins failed; the picker shows it with a refresh button. */
  error?: string;
  /** The buttons shown with `error` (e.g. Set API Key after a rejected key); Refresh is the retry. */
  errorActions?: ErrorActionId[];
}

/** The request currently streaming into the open conversation, if any. */
export interface ActiveRequest {
  requestId: string;
  assistantMessageId: string;
}

/** What the webview needs to draw itself from scratch. */
export interface ViewState {
  locale: string;
  /** UI strings already translated by the host, keyed as in uiStrings.ts. */
  strings: Record<string, string>;
  credentials: CredentialPresence;
  targets: TargetsView;
  conversation: ConversationView;
  conversations: ConversationSummary[];
  attachments: AttachmentView[];
  draft: string;
  activeRequest?: ActiveRequest;
  /** True when the local demo server answers, so the welcome can offer "Try the Demo Server". */
  demoServerAvailable: boolean;
  /** An editor tab's id, which its webview keeps so the tab comes back after a window reload. */
  surfaceId?: string;
}

export interface SearchHit {
  conversationId: string;
  title: string;
  messageId: string;
  /** A short excerpt around the first match, plain text. */
  excerpt: string;
  /** How many of the conversation's messages match: a conversation is one hit. */
  matches?: number;
}

/**
 * One of the selected twin's conversations kept on TwinExpert's server (the history panel's
 * "On TwinExpert" section). `title` and `updatedAt` are the server's, untrusted: shown as text.
 */
export interface ServerConversationView {
  /** The server's conversation id. */
  id: string;
  title?: string;
  /** ISO 8601, as the server gave it. */
  updatedAt?: string;
  /** Already a local conversation (imported earlier, or started here): opening shows that one. */
  linked?: boolean;
}

/** Far more pages than anyone scrolls through: the section stops there, the host refuses more. */
export const MAX_SERVER_CONVERSATION_PAGES = 500;

/** Commands the webview may ask the host to run; anything else is rejected. */
export const HOST_COMMAND_IDS = [
  'setTwinExpertKey',
  'setKamiMindToken',
  'addKamiMindBot',
  'showLogs',
  'tryDemoServer',
  'attachFile',
] as const;

export type HostCommandId = (typeof HOST_COMMAND_IDS)[number];

/** Base64 text of pasted bytes: its own field kind, checked for size and alphabet on arrival. */
export type Base64Bytes = string & { readonly base64: unique symbol };

/** Largest pasted image the page sends (the host's attachment size limit may be lower). */
export const MAX_PASTED_IMAGE_BYTES = 10 * 1024 * 1024;

/** A workspace file offered by the `#` picker; `uri` goes back in `attachment/addUris`. */
export interface MentionFile {
  uri: string;
  /** Relative to the workspace folder, shown in the list. */
  path: string;
  /** True for files open in an editor, which the list shows first. */
  open: boolean;
}

/** Messages the webview sends to the host. */
export type WebviewToHost =
  | { type: 'webview/ready'; protocolVersion: number }
  | { type: 'chat/send'; text: string }
  | { type: 'chat/cancel'; requestId: string }
  | { type: 'chat/retry'; messageId: string }
  /** Edit and resend a question: a new branch from it (issue 18). */
  | { type: 'chat/edit'; messageId: string; text: string }
  /** Ask an answer's question again, in a new branch. */
  | { type: 'chat/regenerate'; messageId: string }
  /** Show another version of a message (the `< n / m >` switcher). */
  | { type: 'branch/switch'; messageId: string }
  /** Remove a question and its answer from the local transcript (the server keeps them). */
  | { type: 'message/delete'; messageId: string }
  | { type: 'message/copy'; messageId: string }
  | { type: 'conversation/copy' }
  | { type: 'chat/new' }
  | { type: 'target/select'; key: string }
  | { type: 'targets/refresh' }
  | { type: 'conversation/open'; conversationId: string }
  | { type: 'conversation/rename'; conversationId: string; title: string }
  | { type: 'conversation/delete'; conversationId: string }
  /** Undo of the last delete: the host still holds that conversation for a few seconds. */
  | { type: 'conversation/restore'; conversationId: string }
  | { type: 'conversation/export'; conversationId: string }
  | { type: 'search/query'; query: string }
  /** The next page of a query's hits, after the `from` the list holds. */
  | { type: 'search/more'; query: string; from: number }
  | { type: 'attachment/remove'; attachmentId: string }
  /** Dropped or mentioned files and folders: a text/uri-list (one URI a line) the host checks. */
  | { type: 'attachment/addUris'; uris: string }
  /** An image pasted from the clipboard; `key` names its bytes in the page for the thumbnail. */
  | { type: 'attachment/pasteImage'; data: Base64Bytes; key: string }
  /** The text after `#` in the composer; a newer query cancels the search of the one before. */
  | { type: 'mention/query'; query: string }
  | { type: 'draft/changed'; text: string }
  | { type: 'link/open'; url: string }
  | { type: 'code/copy'; code: string }
  /** Copy Details under an error: the sentence and the server's words, as the view shows them. */
  | { type: 'error/copyDetails'; text: string }
  | { type: 'code/insert'; code: string }
  | { type: 'code/open'; code: string; language: string }
  | { type: 'command/run'; command: HostCommandId }
  /** Page `page` (from 1) of the twin's conversations on TwinExpert, for the history panel. */
  | { type: 'serverConversations/list'; twinKey: string; page: number }
  /**
   * Import (or find) the server conversation `remoteId` and show it. Only one the host listed to
   * this page, under the title the server gave: the page sends no title of its own.
   */
  | { type: 'serverConversations/open'; twinKey: string; remoteId: string };

/** Messages the host sends to the webview. */
export type HostToWebview =
  | { type: 'state/init'; protocolVersion: number; state: ViewState }
  | { type: 'conversation/show'; conversation: ConversationView; activeRequest?: ActiveRequest }
  | { type: 'conversations/update'; conversations: ConversationSummary[] }
  | { type: 'targets/update'; targets: TargetsView }
  | { type: 'credentials/didChange'; credentials: CredentialPresence }
  | { type: 'attachments/update'; attachments: AttachmentView[] }
  | { type: 'draft/set'; text: string }
  | {
      type: 'chat/started';
      requestId: string;
      userMessage: MessageView;
      assistantMessage: MessageView;
      /**
       * The twin or bot answering. A new conversation is shown before it has one: its first
       * question gives it the selected target, and the view learns the name here.
       */
      answerer?: string;
    }
  | { type: 'chat/progress'; requestId: string; message: string }
  | { type: 'chat/delta'; requestId: string; text: string }
  | { type: 'chat/done'; requestId: string; message: MessageView }
  | { type: 'chat/error'; requestId: string; message: MessageView }
  /**
   * `catchingUp`: the search index is still being rebuilt, so some conversations may be missing.
   * A page of hits: `from` absent for the first (a new list), else where they go on the list;
   * `more`: the list may ask for the next page (search/more).
   */
  | {
      type: 'search/results';
      query: string;
      hits: SearchHit[];
      catchingUp?: boolean;
      from?: number;
      more?: boolean;
    }
  | { type: 'mention/results'; query: string; files: MentionFile[] }
  | { type: 'input/focus' }
  /** Choosing another twin started a new chat; the view says so (the old one is in history). */
  | { type: 'notice/newChatForTarget'; targetLabel: string }
  | {
      type: 'serverConversations/page';
      twinKey: string;
      page: number;
      conversations: ServerConversationView[];
      hasMore: boolean;
    }
  /** Listing (or opening) failed: one sentence that says what to do. */
  | { type: 'serverConversations/error'; twinKey: string; page: number; message: string }
  /** `remoteId` was opened: it is a local conversation now ("in Twin Chat"). */
  | { type: 'serverConversations/opened'; twinKey: string; remoteId: string };

export function assertNever(value: never): never {
  throw new Error(`Unexpected message: ${JSON.stringify(value)}`);
}
