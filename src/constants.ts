// Every identifier the extension shares with its manifest, defined exactly once.

export const EXTENSION_ID = 'twinchat.twin-chat';

export const VIEW_CONTAINER_ID = 'twinChat';
export const CHAT_VIEW_ID = 'twinChat.chatView';

export const Commands = {
  openChat: 'twinChat.openChat',
  showLogs: 'twinChat.showLogs',
} as const;

export type CommandId = (typeof Commands)[keyof typeof Commands];

export const Settings = {
  section: 'twinChat',
  twinExpertBaseUrl: 'twinExpert.baseUrl',
  kamiMindBaseUrl: 'kamiMind.baseUrl',
  streaming: 'chat.streaming',
  connectTimeoutSeconds: 'network.connectTimeoutSeconds',
  firstByteTimeoutSeconds: 'network.firstByteTimeoutSeconds',
  idleTimeoutSeconds: 'network.idleTimeoutSeconds',
  attachmentMaxSizeMB: 'attachments.maxSizeMB',
} as const;
