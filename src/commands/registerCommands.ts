import * as vscode from 'vscode';
import type { ChatSession } from '../chat/chatSession';
import type { ChatSessions } from '../chat/chatSessions';
import type { ConversationStore } from '../chat/conversationStore';
import { askSideBySide } from './askSideBySide';
import type { Credentials } from '../config/credentials';
import type { ProviderFactory } from '../config/providerFactory';
import { Commands, type CommandId } from '../constants';
import { exportCurrentConversation, newChat, openChat, selectTarget } from './chatCommands';
import {
  addKamiMindBot,
  clearCredentials,
  removeKamiMindBot,
  setKamiMindToken,
  setTwinExpertKey,
} from './credentialCommands';
import { useDemoServer, useRealServices } from './demoServer';
import { askAboutSelection, attachFile, sendSelection } from './editorCommands';
import { openKamiMindStory, openTwinExpertConversation } from './serverConversationCommands';
import { testConnection } from './testConnection';
import { newChatInEditor, openChatInEditor, stopAnswer } from './editorTabCommands';
import type { EditorChats } from '../webview/editorChats';

export interface CommandContext {
  readonly log: vscode.LogOutputChannel;
  readonly credentials: Credentials;
  readonly providers: ProviderFactory;
  /** The chat commands act on: the focused or last-used one; created on first use. */
  readonly chat: () => ChatSession;
  /** The sidebar's session, whatever chat has the focus. */
  readonly sidebar: () => ChatSession;
  readonly editorChats: EditorChats;
  readonly sessions: () => ChatSessions;
  /** The chat's conversation store, for conversations imported from the servers. */
  readonly store: () => ConversationStore;
}

type CommandHandlers = Record<CommandId, (...args: unknown[]) => unknown>;

/** One handler per declared command; the Record type makes a missing handler a compile error. */
function handlers(c: CommandContext): CommandHandlers {
  return {
    [Commands.openChat]: () => openChat(c.sidebar()),
    [Commands.newChat]: () => newChat(c.chat),
    [Commands.sendSelection]: () => sendSelection(c.chat),
    [Commands.askAboutSelection]: () => askAboutSelection(c.chat),
    [Commands.attachFile]: (uri, uris) => attachFile(c.chat, uri, uris),
    [Commands.setTwinExpertKey]: () => setTwinExpertKey(c.credentials),
    [Commands.setKamiMindToken]: () => setKamiMindToken(c.credentials),
    [Commands.addKamiMindBot]: () => addKamiMindBot(c.credentials),
    [Commands.removeKamiMindBot]: () => removeKamiMindBot(c.credentials),
    [Commands.clearCredentials]: () => clearCredentials(c.credentials),
    [Commands.selectTarget]: (key) => selectTarget(c.chat, key),
    [Commands.testConnection]: () =>
      testConnection(c.credentials, c.providers, c.log, (kind) =>
        c.sessions().connectionVerified(kind),
      ),
    [Commands.showLogs]: () => c.log.show(),
    [Commands.exportConversation]: () => exportCurrentConversation(c.chat),
    [Commands.useDemoServer]: () => useDemoServer(c.credentials),
    [Commands.useRealServices]: () => useRealServices(),
    [Commands.openTwinExpertConversation]: () => openTwinExpertConversation(c),
    [Commands.openKamiMindStory]: () => openKamiMindStory(c),
    [Commands.openChatInEditor]: () => openChatInEditor(c.sidebar(), c.editorChats),
    [Commands.newChatInEditor]: () => newChatInEditor(c.editorChats),
    [Commands.askSideBySide]: (keys, question) =>
      askSideBySide(c.sessions(), c.editorChats, keys, question),
    [Commands.stopAnswer]: () => stopAnswer(c.chat()),
  };
}

export function registerCommands(context: CommandContext): vscode.Disposable[] {
  return Object.entries(handlers(context)).map(([id, handler]) =>
    vscode.commands.registerCommand(id, handler),
  );
}
