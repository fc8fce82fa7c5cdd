import * as vscode from 'vscode';
import { ServerConversationsHandler } from '../chat/serverConversationsHandler';
import { openServerConversation } from '../commands/serverConversationCommands';
import type { HostToWebview } from '../shared/protocol';

/** The "On TwinExpert" section's handler for one webview: answers go to that webview only. */
export function serverConversationsHost(
  webview: vscode.Webview,
  log: vscode.LogOutputChannel,
): ServerConversationsHandler {
  return new ServerConversationsHandler({
    answer: (message: HostToWebview) => webview.postMessage(message),
    openConversation: async (chat, server, twin, conversation) => {
      const show = (id: string) => chat.open(id);
      await openServerConversation(
        { server, store: chat.shared.deps.store, show },
        twin,
        conversation,
      );
    },
    unexpected: (error) => {
      log.error(`On TwinExpert section failed: ${String(error)}`);
      return vscode.l10n.t('Something went wrong; see Twin Chat: Show Logs for details.');
    },
    sentences: {
      unknownTwin: vscode.l10n.t(
        'That twin is not one of your TwinExpert twins any more; refresh the twin list, then try again.',
      ),
      notListed: vscode.l10n.t(
        'That conversation is not in the list shown here; reload the list, then open it again.',
      ),
    },
  });
}
