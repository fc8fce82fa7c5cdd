import * as vscode from 'vscode';
import type { ChatSession } from '../chat/chatSession';
import { parseTargetKey } from '../chat/targets';
import { serverConversationPage } from '../chat/twinExpertImport';
import { openServerConversation } from '../commands/serverConversationCommands';
import { ProviderError } from '../providers/errors';
import { MAX_SERVER_CONVERSATION_PAGES, type HostToWebview } from '../shared/protocol';

type Answer = (message: HostToWebview) => Thenable<boolean> | Promise<boolean> | undefined;

/** The twin a key names, if it is a TwinExpert twin the chat knows. */
function twinOf(chat: ChatSession, twinKey: string): { id: string; label: string } | undefined {
  const parsed = parseTargetKey(twinKey);
  if (parsed?.provider !== 'twinexpert') return undefined;
  const known = chat.targetsView().targets.find((target) => target.key === twinKey);
  return { id: parsed.id, label: known?.label ?? parsed.id };
}

/** The sentence the section shows; anything but a service failure is a bug and is logged. */
function sentence(error: unknown, log: vscode.LogOutputChannel): string {
  if (error instanceof ProviderError) return error.userMessage;
  log.error(`On TwinExpert section failed: ${String(error)}`);
  return vscode.l10n.t('Something went wrong; see Twin Chat: Show Logs for details.');
}

/**
 * The history panel's "On TwinExpert" section, on the host: lists the selected twin's server
 * conversations a page at a time and opens one through the same import as the command.
 * Failures go back to the section as one sentence, never as a blank list.
 */
export class ServerConversationsHost {
  constructor(
    private readonly answer: Answer,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  async list(chat: ChatSession, twinKey: string, page: number): Promise<void> {
    const twin = twinOf(chat, twinKey);
    const server = chat.shared.deps.twinExpertServer?.();
    if (
      !twin ||
      !server ||
      !Number.isInteger(page) ||
      page < 1 ||
      page > MAX_SERVER_CONVERSATION_PAGES
    )
      return;
    try {
      const loaded = await serverConversationPage(server, chat.shared.deps.store, twin.id, page);
      await this.answer({ type: 'serverConversations/page', twinKey, page, ...loaded });
    } catch (error) {
      const message = sentence(error, this.log);
      await this.answer({ type: 'serverConversations/error', twinKey, page, message });
    }
  }

  async open(chat: ChatSession, twinKey: string, remoteId: string, title: string): Promise<void> {
    const twin = twinOf(chat, twinKey);
    const server = chat.shared.deps.twinExpertServer?.();
    if (!twin || !server || remoteId === '') return;
    const context = { server, store: chat.shared.deps.store, show: (id: string) => chat.open(id) };
    try {
      await openServerConversation(context, twin, { id: remoteId, title });
    } catch (error) {
      const message = sentence(error, this.log);
      await this.answer({ type: 'serverConversations/error', twinKey, page: 0, message });
    }
  }
}
