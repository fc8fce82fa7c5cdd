import * as vscode from 'vscode';
import type { ChatSession } from './chat/chatSession';
import { ChatSessions } from './chat/chatSessions';
import { answerFromChatView } from './chat/chatViewAnswer';
import { sidebarMemory } from './chat/sessionMemory';
import { surfaceSnapshots, type ChatSurfaceSnapshot } from './chat/surfaceSnapshot';
import { ConversationStore } from './chat/conversationStore';
import { registerCommands } from './commands/registerCommands';
import { demoServerAvailable } from './commands/demoServer';
import { Credentials } from './config/credentials';
import { ProviderFactory } from './config/providerFactory';
import { attachmentMaxBytes, maxAnswerSizeMB, streamingEnabled } from './config/settings';
import { CHAT_VIEW_ID, EDITOR_CHAT_VIEW_TYPE } from './constants';
import { Disposable } from './disposable';
import { createLog } from './log';
import { translateWith } from './shared/localized';
import { registerTwinParticipant, type ParticipantParts } from './participant/register';
import { ChatStatusBar } from './statusBar';
import { QuotaWarning } from './quota/quotaWarning';
import { quotaLines } from './quota/quotaText';
import { ChatViewProvider } from './webview/chatViewProvider';
import { ComposerIntake } from './webview/composerIntake';
import { EditorChats } from './webview/editorChats';
import { webviewStrings } from './webview/strings';

/**
 * Twin Chat while the extension runs: the one owner of what `activate` creates, disposed newest
 * first and once, and of the chat sessions, which are created on first use (so activation reads
 * no secret, opens no file and does not load the network client).
 *
 * Shutting down has a part VS Code would not wait for in `dispose`: the answer streaming at that
 * moment is ended as interrupted and written to disk. VS Code awaits the promise `deactivate`
 * returns (and calls it before it disposes the subscriptions), so `deactivate` awaits `shutdown`;
 * disposing starts the same shutdown first, for a host that only disposes.
 */
export class TwinChat extends Disposable {
  readonly log = this.register(createLog());
  private readonly view: ChatViewProvider;
  private readonly newSessions: () => ChatSessions;
  private owner: ChatSessions | undefined;
  private sidebarSession: ChatSession | undefined;
  private stopped: Promise<void> | undefined;

  constructor(context: vscode.ExtensionContext) {
    super();
    // The sentences the shared provider and chat code build, in VS Code's display language.
    this.register({
      dispose: translateWith((template, ...args) => vscode.l10n.t(template, ...args)),
    });
    const log = this.log;
    const credentials = this.register(new Credentials(context.secrets, context.globalState));
    const providers = this.register(new ProviderFactory(credentials, log));
    // One store for the chat and the server-conversation commands; creating it reads nothing.
    let conversations: ConversationStore | undefined;
    const store = (): ConversationStore => (conversations ??= conversationStore(context, log));
    const pastedImages = vscode.Uri.joinPath(context.globalStorageUri, 'pasted-images');
    const intake = this.register(new ComposerIntake(pastedImages));
    const sidebar = (): ChatSession => this.sidebar();
    const view = this.register(
      new ChatViewProvider(context.extensionUri, sidebar, log, intake, () =>
        this.sessions().focus(sidebar()),
      ),
    );
    const statusBar = this.register(new ChatStatusBar());
    this.register(new QuotaWarning(providers.quota, log));
    this.register(
      providers.quota.onDidRecord(() => statusBar.setQuota(quotaLines(providers.quota))),
    );
    const sessions = () => this.sessions();
    const editorChats = this.register(
      new EditorChats(context.extensionUri, sessions, context.workspaceState, log, intake),
    );
    this.view = view;
    this.newSessions = () =>
      createSessions(context, { statusBar, credentials, providers, log, store });
    this.register(vscode.window.registerWebviewViewProvider(CHAT_VIEW_ID, view));
    this.register(vscode.window.registerWebviewPanelSerializer(EDITOR_CHAT_VIEW_TYPE, editorChats));
    this.register(credentials.onDidChange(() => void this.owner?.credentialsChanged()));
    const chat = (): ChatSession => this.chat();
    for (const command of registerCommands({
      log,
      credentials,
      providers,
      chat,
      sidebar,
      editorChats,
      sessions,
      store,
    })) {
      this.register(command);
    }
    const { extensionUri, workspaceState } = context;
    const targetChosen = () => this.owner?.workspaceTargetChanged();
    // @twin's answers are the chats' own (src/chat/chatViewAnswer.ts): one copy of a conversation.
    const shared: ParticipantParts['conversations'] = {
      load: (id) => this.sessions().find(id),
      answer: (...args) => answerFromChatView(this.sessions(), ...args),
    };
    const participantParts = {
      extensionUri,
      workspaceState,
      credentials,
      providers,
      conversations: shared,
      targetChosen,
    };
    for (const part of registerTwinParticipant({ ...participantParts, log })) {
      this.register(part);
    }
    // Registered last, so disposed first. A fallback only: VS Code does not await disposables, so
    // the interrupted answer is written to disk by the shutdown `deactivate` awaits; a view being
    // disposed at the same moment may not show it, and the next window shows it as interrupted.
    this.register({ dispose: () => void this.shutdown() });
  }

  /** Every chat surface's shared owner, created on first use (with the sidebar's session). */
  sessions(): ChatSessions {
    if (this.owner) return this.owner;
    const owner = (this.owner = this.newSessions());
    const view = this.view;
    this.sidebarSession = owner.open(
      {
        post: (message) => view.post(message),
        reveal: () => view.reveal(),
        focusInput: () => view.focusInput(),
      },
      sidebarMemory(owner.deps.workspaceState),
    );
    return owner;
  }

  /** The sidebar's chat session. */
  sidebar(): ChatSession {
    this.sessions();
    if (!this.sidebarSession) throw new Error('the sidebar session was not created');
    return this.sidebarSession;
  }

  /** The chat commands act on: the focused or last-used one (the sidebar's at first). */
  chat(): ChatSession {
    return this.sessions().active() ?? this.sidebar();
  }

  surfaces(): ChatSurfaceSnapshot[] {
    return surfaceSnapshots(this.sessions());
  }

  /** Resolves once the chat view's webview has loaded and completed the ready handshake. */
  whenChatViewReady(): Promise<void> {
    return this.view.whenReady();
  }

  /** A message as if the sidebar's chat page had posted it, through the same validation (tests). */
  receiveFromView(raw: unknown): Promise<void> {
    return this.view.receive(raw);
  }

  /** Ends the answers streaming now (if any) as interrupted and writes them down; the same promise every call. */
  shutdown(): Promise<void> {
    return (this.stopped ??= this.owner?.shutdown() ?? Promise.resolve());
  }
}

interface SessionParts {
  statusBar: ChatStatusBar;
  credentials: Credentials;
  providers: ProviderFactory;
  log: vscode.LogOutputChannel;
  store: () => ConversationStore;
}

/** One store for every chat surface, the server-conversation commands and @twin: each would keep its own index in memory and rewrite it whole. */
function conversationStore(
  context: vscode.ExtensionContext,
  log: vscode.LogOutputChannel,
): ConversationStore {
  const storeDir = vscode.Uri.joinPath(context.globalStorageUri, 'conversations').fsPath;
  return new ConversationStore(storeDir, (file, detail, kind) =>
    log.error(
      kind === 'damaged'
        ? `Skipped a damaged file of the conversation store, ${file}: ${detail}`
        : `Could not read ${file} of the conversation store: ${detail}`,
    ),
  );
}

function createSessions(context: vscode.ExtensionContext, parts: SessionParts): ChatSessions {
  const { statusBar, credentials, providers, log } = parts;
  return new ChatSessions({
    store: parts.store(),
    provider: (kind) => providers.get(kind),
    twinExpertServer: () => providers.twinExpertServer(),
    presence: () => credentials.presence(),
    workspaceState: context.workspaceState,
    streaming: streamingEnabled,
    strings: webviewStrings,
    locale: () => vscode.env.language,
    demoServerAvailable,
    status: (target, state, detail) => statusBar.update(target, state, detail),
    log,
    maxAnswerSizeMB,
    attachmentMaxBytes,
  });
}
