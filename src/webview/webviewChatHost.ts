import * as vscode from 'vscode';
import type { ChatSession } from '../chat/chatSession';
import { postSearchPage } from '../chat/searchPage';
import { Disposable } from '../disposable';
import {
  PROTOCOL_VERSION,
  assertNever,
  type HostToWebview,
  type WebviewToHost,
} from '../shared/protocol';
import { parseWebviewMessage } from '../shared/protocolValidation';
import type { ComposerIntake } from './composerIntake';
import { copyMarkdown } from './copyMarkdown';
import { exportConversation } from './exportConversation';
import { renderShell } from './html';
import { MentionSearch } from './mentionSearch';
import { serverConversationsHost } from './serverConversationsHost';
import type { ServerConversationsHandler } from '../chat/serverConversationsHandler';
import {
  copyCode,
  copyErrorDetails,
  insertCode,
  openCode,
  openLink,
  runHostCommand,
} from './webviewActions';

/** What a webview posts on its own (loading, saving the draft it restored), not at the user's hand. */
const PASSIVE: ReadonlySet<WebviewToHost['type']> = new Set(['webview/ready', 'draft/changed']);

export interface WebviewChatHostEvents {
  /** The webview completed the ready handshake and holds the whole state. */
  ready?(): void;
  /** The user did something in this webview: commands now act on its session. */
  used?(): void;
}

/**
 * Binds one webview (the sidebar's or an editor tab's, same bundle) to a chat session: loads the
 * page, answers its ready handshake with the session's whole state and carries out what it posts.
 * The host owns all state: a hidden webview is destroyed, so every `webview/ready` gets it anew.
 */
export class WebviewChatHost extends Disposable {
  /** Per webview: a `#` query typed here cancels only this view's earlier one. */
  private readonly mentions = this.register(new MentionSearch());
  /** Answers this view only: its "On TwinExpert" pages and errors. */
  private readonly serverConversations: ServerConversationsHandler;
  /** The page holds its state: a message now refines it (before state/init the page drops it). */
  private pageReady = false;
  private focusOnReady = false;

  constructor(
    private readonly webview: vscode.Webview,
    extensionUri: vscode.Uri,
    private readonly session: () => ChatSession,
    private readonly log: vscode.LogOutputChannel,
    private readonly intake: ComposerIntake,
    private readonly events: WebviewChatHostEvents = {},
  ) {
    super();
    this.serverConversations = serverConversationsHost(webview, log);
    loadChatPage(webview, extensionUri);
    this.register(webview.onDidReceiveMessage((raw: unknown) => void this.receive(raw)));
  }

  /** Focuses the page's message box, now or right after its state arrives. */
  focusInput(): void {
    if (this.pageReady) void this.webview.postMessage({ type: 'input/focus' });
    else this.focusOnReady = true;
  }

  /** Also the integration tests' way in: the same checks as a message from the page. */
  receive(raw: unknown): Promise<void> {
    const message = parseWebviewMessage(raw);
    if (!message) {
      this.log.warn('Dropped a malformed message from the chat view');
      return Promise.resolve();
    }
    if (!PASSIVE.has(message.type)) this.events.used?.();
    return this.handle(message).catch((error: unknown) =>
      this.log.error(`Chat view action ${message.type} failed: ${String(error)}`),
    );
  }

  private async handle(message: WebviewToHost): Promise<void> {
    const chat = this.session();
    switch (message.type) {
      case 'webview/ready':
        return this.onReady(message.protocolVersion);
      case 'chat/send':
        return chat.send(message.text);
      case 'chat/cancel':
        return chat.cancel(message.requestId);
      case 'chat/retry':
        return chat.retry(message.messageId);
      case 'chat/edit':
        return chat.edit(message.messageId, message.text);
      case 'chat/regenerate':
        return chat.regenerate(message.messageId);
      case 'branch/switch':
        return chat.switchBranch(message.messageId);
      case 'message/delete':
        return chat.deleteExchange(message.messageId);
      case 'message/copy':
        return copyMarkdown(chat.messageMarkdown(message.messageId), 'message');
      case 'conversation/copy':
        return copyMarkdown(chat.conversationMarkdown(), 'conversation');
      case 'chat/new':
        return chat.newChat();
      case 'target/select':
        return chat.selectTarget(message.key);
      case 'targets/refresh':
        return chat.shared.refreshTargets();
      case 'conversation/open':
        return chat.open(message.conversationId);
      case 'conversation/rename':
        return chat.shared.rename(message.conversationId, message.title);
      case 'conversation/delete':
        return chat.shared.delete(message.conversationId);
      case 'conversation/restore':
        return chat.shared.restore(message.conversationId);
      case 'conversation/export':
        return exportConversation(chat.shared, message.conversationId);
      case 'search/query':
        return postSearchPage(chat.shared.deps.store, chat.surface, message.query);
      case 'search/more':
        return postSearchPage(chat.shared.deps.store, chat.surface, message.query, message.from);
      case 'attachment/remove':
        return chat.removeAttachment(message.attachmentId);
      case 'attachment/addUris':
        return this.intake.addUris(chat, message.uris);
      case 'attachment/pasteImage':
        return this.intake.pasteImage(chat, message.data, message.key);
      case 'mention/query':
        return this.answerMention(message.query);
      case 'draft/changed':
        return chat.saveDraft(message.text);
      case 'link/open':
        return openLink(message.url);
      case 'code/copy':
        return copyCode(message.code);
      case 'error/copyDetails':
        return copyErrorDetails(message.text);
      case 'code/insert':
        return insertCode(message.code);
      case 'code/open':
        return openCode(message.code, message.language);
      case 'command/run':
        await runHostCommand(message.command);
        return;
      case 'serverConversations/list':
        return this.serverConversations.list(chat, message.twinKey, message.page);
      case 'serverConversations/open':
        return this.serverConversations.open(chat, message.twinKey, message.remoteId);
      default:
        assertNever(message);
    }
  }

  /** Answers the view that asked (not every chat surface): its `#` list. */
  private async answerMention(query: string): Promise<void> {
    const files = await this.mentions.search(query);
    const answer: HostToWebview = { type: 'mention/results', query, files: files ?? [] };
    if (files) await this.webview.postMessage(answer);
  }

  private async onReady(protocolVersion: number): Promise<void> {
    if (protocolVersion !== PROTOCOL_VERSION) {
      this.log.error(`Chat view speaks protocol ${protocolVersion}, host ${PROTOCOL_VERSION}`);
      return;
    }
    const chat = this.session();
    await chat.postViewState();
    this.pageReady = true;
    if (this.focusOnReady) {
      this.focusOnReady = false;
      this.focusInput();
    }
    this.events.ready?.();
    await chat.shared.ensureTargets();
  }
}

/** The chat page under the webview policy (src/webview/html.ts): scripts only, no forms or commands. */
function loadChatPage(webview: vscode.Webview, extensionUri: vscode.Uri): void {
  const assetRoot = vscode.Uri.joinPath(extensionUri, 'dist', 'webview');
  webview.options = {
    enableScripts: true,
    enableCommandUris: false,
    enableForms: false,
    localResourceRoots: [assetRoot],
  };
  webview.html = renderShell({
    cspSource: webview.cspSource,
    scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(assetRoot, 'main.js')).toString(),
    styleUri: webview.asWebviewUri(vscode.Uri.joinPath(assetRoot, 'main.css')).toString(),
    locale: vscode.env.language,
  });
}
