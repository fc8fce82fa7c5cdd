// Every identifier the extension shares with its manifest, defined exactly once.

export const EXTENSION_ID = 'twinchat.twin-chat';

export const VIEW_CONTAINER_ID = 'twinChat';
export const CHAT_VIEW_ID = 'twinChat.chatView';
/** Editor tabs showing a chat (WebviewPanel); also the serializer's and activation event's type. */
export const EDITOR_CHAT_VIEW_TYPE = 'twinChat.editorChat';

export const Commands = {
  openChat: 'twinChat.openChat',
  newChat: 'twinChat.newChat',
  sendSelection: 'twinChat.sendSelection',
  askAboutSelection: 'twinChat.askAboutSelection',
  attachFile: 'twinChat.attachFile',
  setTwinExpertKey: 'twinChat.setTwinExpertKey',
  setKamiMindToken: 'twinChat.setKamiMindToken',
  addKamiMindBot: 'twinChat.addKamiMindBot',
  removeKamiMindBot: 'twinChat.removeKamiMindBot',
  clearCredentials: 'twinChat.clearCredentials',
  selectTarget: 'twinChat.selectTarget',
  testConnection: 'twinChat.testConnection',
  showLogs: 'twinChat.showLogs',
  exportConversation: 'twinChat.exportConversation',
  useDemoServer: 'twinChat.useDemoServer',
  useRealServices: 'twinChat.useRealServices',
  openTwinExpertConversation: 'twinChat.openTwinExpertConversation',
  openKamiMindStory: 'twinChat.openKamiMindStory',
  openChatInEditor: 'twinChat.openChatInEditor',
  newChatInEditor: 'twinChat.newChatInEditor',
  askSideBySide: 'twinChat.askSideBySide',
  stopAnswer: 'twinChat.stopAnswer',
} as const;

export type CommandId = (typeof Commands)[keyof typeof Commands];

export const Settings = {
  section: 'twinChat',
  twinExpertBaseUrl: 'twinExpert.baseUrl',
  kamiMindBaseUrl: 'kamiMind.baseUrl',
  streaming: 'chat.streaming',
  maxAnswerSizeMB: 'chat.maxAnswerSizeMB',
  connectTimeoutSeconds: 'network.connectTimeoutSeconds',
  firstByteTimeoutSeconds: 'network.firstByteTimeoutSeconds',
  idleTimeoutSeconds: 'network.idleTimeoutSeconds',
  attachmentMaxSizeMB: 'attachments.maxSizeMB',
} as const;

export const SecretKeys = {
  twinExpertApiKey: 'twinChat.twinexpert.apiKey',
  kamiMindToken: 'twinChat.kamimind.token',
  kamiMindBot: (botId: string) => `twinChat.kamimind.bot.${botId}`,
} as const;

/** Non-secret state kept in globalState / workspaceState. */
export const StateKeys = {
  kamiMindBots: 'twinChat.kamimind.bots',
} as const;
