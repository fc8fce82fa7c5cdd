import * as vscode from 'vscode';
import type { ChatSession } from '../chat/chatSession';
import type { ConversationStore } from '../chat/conversationStore';
import { linkServerConversation, type ServerConversation } from '../chat/serverConversations';
import type { Credentials } from '../config/credentials';
import type { ProviderFactory } from '../config/providerFactory';
import { Commands } from '../constants';
import { ProviderError } from '../providers/errors';
import type {
  ServerConversation as TeServerConversation,
  TwinExpertServer,
} from '../providers/twinExpertServer';
import { importTwinExpertConversation } from '../chat/twinExpertImport';
import { parseTargetKey } from '../chat/targets';

const t = vscode.l10n.t;

export interface ServerConversationContext {
  readonly credentials: Credentials;
  readonly providers: ProviderFactory;
  readonly chat: () => ChatSession;
  readonly store: () => ConversationStore;
}

/** KamiMind story ids are UUIDs in every example; any id-like text is let through. */
const STORY_ID = /^[A-Za-z0-9_-]{1,100}$/;

function validateStoryId(value: string): string | undefined {
  return STORY_ID.test(value.trim())
    ? undefined
    : t('A story id is letters, digits and dashes, like 4f4c5ed4-e084-4c53-a20a-9c7cf88ea72e.');
}

async function progress<T>(title: string, work: () => Promise<T>): Promise<T> {
  return await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title },
    work,
  );
}

/** Runs `work`, telling the user in one sentence when the service refused or failed. */
async function orExplain<T>(work: () => Promise<T>): Promise<T | undefined> {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof ProviderError)) throw error;
    void vscode.window.showErrorMessage(error.userMessage);
    return undefined;
  }
}

/** Saves (or finds) the linked local conversation and shows it in the chat. */
async function openLinked(c: ServerConversationContext, server: ServerConversation) {
  const linked = await linkServerConversation(c.store(), server);
  await vscode.commands.executeCommand(Commands.openChat);
  await c.chat().open(linked.id);
  return linked;
}

export async function openKamiMindStory(c: ServerConversationContext): Promise<void> {
  const bots = c.credentials.bots();
  if (bots.length === 0) {
    void vscode.window.showWarningMessage(
      t('Add a KamiMind bot first: run "Twin Chat: Add KamiMind Bot".'),
    );
    return;
  }
  const bot =
    bots.length === 1
      ? bots[0]
      : (
          await vscode.window.showQuickPick(
            bots.map((b) => ({ label: b.label, bot: b })),
            { title: t('Open KamiMind Story'), placeHolder: t('Which bot is the story with?') },
          )
        )?.bot;
  if (!bot) return;
  const typed = await vscode.window.showInputBox({
    title: t('Open KamiMind Story'),
    prompt: t('The story id from the KamiMind app or an earlier answer.'),
    placeHolder: '4f4c5ed4-e084-4c53-a20a-9c7cf88ea72e',
    ignoreFocusOut: true,
    validateInput: validateStoryId,
  });
  const storyId = typed?.trim();
  if (!storyId) return;
  const provider = c.providers.get('kamimind');
  const messages = await orExplain(() =>
    progress(
      t('Loading the KamiMind story…'),
      async () => (await provider.history?.(storyId)) ?? [],
    ),
  );
  if (!messages) return;
  const target = { provider: 'kamimind' as const, id: bot.id, label: bot.label };
  await openLinked(c, { target, remoteId: storyId, messages });
}

const LOAD_MORE = 'load more';

/** The selected twin when one is, else the user picks one. */
async function chooseTwin(c: ServerConversationContext) {
  const chat = c.chat();
  await chat.shared.ensureTargets();
  const view = chat.targetsView();
  const twins = view.targets.filter((target) => target.provider === 'twinexpert');
  const selected = twins.find((twin) => twin.key === view.selectedKey);
  if (selected) return selected;
  const picked = await vscode.window.showQuickPick(
    twins.map((twin) => ({ label: twin.label, detail: twin.description, twin })),
    { title: t('Open TwinExpert Conversation'), placeHolder: t('Whose conversations?') },
  );
  return picked?.twin;
}

type ConversationItem = vscode.QuickPickItem & { conversation?: TeServerConversation };

function conversationItem(conversation: TeServerConversation): ConversationItem {
  const when = conversation.updatedAt
    ? new Date(conversation.updatedAt).toLocaleString(vscode.env.language)
    : undefined;
  return { label: conversation.title ?? conversation.id, description: when, conversation };
}

/** The twin's server conversations, a page at a time, until one is picked or the pick is closed. */
async function pickConversation(
  c: ServerConversationContext,
  twinId: string,
): Promise<TeServerConversation | undefined> {
  const server = c.providers.twinExpertServer();
  const items: ConversationItem[] = [];
  for (let page = 1; ; page++) {
    const loaded = await orExplain(() =>
      progress(t('Loading TwinExpert conversations…'), () =>
        server.conversations({ twinId, page }),
      ),
    );
    if (!loaded) return undefined;
    items.push(...loaded.conversations.map(conversationItem));
    const more: ConversationItem[] = loaded.hasMore
      ? [{ label: `$(more) ${t('Load more…')}`, description: LOAD_MORE, alwaysShow: true }]
      : [];
    const picked = await vscode.window.showQuickPick([...items, ...more], {
      title: t('Open TwinExpert Conversation'),
      placeHolder: items.length
        ? t('Conversations on TwinExpert, newest first')
        : t('This twin has no conversations on TwinExpert yet.'),
      matchOnDescription: true,
    });
    if (!picked || picked.conversation) return picked?.conversation;
  }
}

/** What opening a TwinExpert conversation needs: the same for the command and the history panel. */
export interface TwinExpertOpenContext {
  readonly server: TwinExpertServer;
  readonly store: ConversationStore;
  /** Shows the local conversation (in the chat that asked). */
  readonly show: (conversationId: string) => Promise<void>;
}

/**
 * Imports (or finds) the server conversation, shows it and, when the server kept no history for
 * it, says why it opens empty. Rejects with the service's ProviderError.
 */
export async function openServerConversation(
  c: TwinExpertOpenContext,
  twin: { id: string; label: string },
  conversation: { id: string; title?: string },
): Promise<void> {
  const target = { provider: 'twinexpert' as const, id: twin.id, label: twin.label };
  const imported = await importTwinExpertConversation(c.server, c.store, target, conversation);
  await c.show(imported.id);
  if (imported.continueOnly && imported.created)
    void vscode.window.showInformationMessage(
      t(
        'TwinExpert does not share the earlier messages of "{0}", so it opens empty here; what you send next continues it on TwinExpert.',
        conversation.title || conversation.id,
      ),
    );
}

export async function openTwinExpertConversation(c: ServerConversationContext): Promise<void> {
  if (!(await c.credentials.presence()).twinexpert) {
    void vscode.window.showWarningMessage(
      t('Set a TwinExpert API key first: run "Twin Chat: Set TwinExpert API Key".'),
    );
    return;
  }
  const twin = await chooseTwin(c);
  const twinId = twin && parseTargetKey(twin.key)?.id;
  if (!twin || !twinId) return;
  const conversation = await pickConversation(c, twinId);
  if (!conversation) return;
  const open: TwinExpertOpenContext = {
    server: c.providers.twinExpertServer(),
    store: c.store(),
    show: async (id) => {
      await vscode.commands.executeCommand(Commands.openChat);
      await c.chat().open(id);
    },
  };
  await orExplain(() =>
    progress(t('Loading the conversation…'), () =>
      openServerConversation(open, { id: twinId, label: twin.label }, conversation),
    ),
  );
}
