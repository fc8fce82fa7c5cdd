// Every text the chat webview shows, in English. The host translates each value with
// `vscode.l10n.t(englishText)` (so the English text is the l10n key) and sends the result in
// `ViewState.strings`; the webview falls back to these when a key is missing. `{0}` placeholders are
// filled in by the webview.
export const UI_STRINGS = {
  // Composer
  message: 'Message',
  messagePlaceholder: 'Ask a question (Enter to send, Shift+Enter for a new line)',
  send: 'Send',
  stop: 'Stop',
  attachFile: 'Attach File',
  attachments: 'Attachments',
  removeAttachment: 'Remove {0}',
  selectionAttachment: 'selection',
  // Header and target picker
  newChat: 'New Chat',
  conversations: 'Conversations',
  closePanel: 'Close',
  target: 'Twin or bot',
  chooseTarget: 'Choose a twin or bot',
  refreshTargets: 'Refresh Twins and Bots',
  targetsLoading: 'Loading twins and bots…',
  noTargets: 'No twins or bots yet',
  twinExpertGroup: 'TwinExpert twins',
  kamiMindGroup: 'KamiMind bots',
  // Transcript
  transcript: 'Conversation',
  you: 'You',
  assistant: 'Assistant',
  loadEarlier: 'Show earlier messages',
  answering: 'Answering…',
  stopped: 'Stopped. The answer above is incomplete.',
  interrupted: 'This answer was interrupted before it finished.',
  answerFinished: 'Answer finished',
  answerStopped: 'Answer stopped',
  answerFailed: 'Answer failed: {0}',
  emptyConversation: 'Ask anything to start the conversation.',
  // Code blocks, links and images
  copy: 'Copy',
  copied: 'Copied',
  insertAtCursor: 'Insert at Cursor',
  openInEditor: 'Open in New Editor',
  codeActions: 'Code actions for {0}',
  plainText: 'plain text',
  linkStatus: 'Link: {0}',
  linkNotOpened: 'Only web links can be opened: {0}',
  imageNotLoaded: 'Image not loaded: {0}',
  embeddedImage: 'Embedded image not shown',
  hiddenText: 'hidden text: {0}',
  hiddenCharactersInCode:
    'This code held hidden characters, now shown as ⟦U+…⟧ marks. Copy and Insert keep the marks: check the code before you use it.',
  // Errors
  retry: 'Retry',
  retryIn: 'Retry in {0} s',
  setApiKey: 'Set API Key',
  setToken: 'Set Token',
  showLogs: 'Show Logs',
  errorDetail: 'Server said: {0}',
  copyDetails: 'Copy Details',
  // Welcome
  welcomeTitle: 'Chat with your AI twins',
  welcomeBody: 'Connect a TwinExpert twin or a KamiMind assistant to start a conversation.',
  setTwinExpertKey: 'Set TwinExpert API Key',
  addKamiMindBot: 'Add KamiMind Bot',
  tryDemoServer: 'Try the Demo Server',
  // Conversation list and search
  searchConversations: 'Search conversations',
  noConversations: 'No conversations yet',
  targetInChatView: '{0} (@twin in VS Code Chat)',
  noResults: 'No matches for “{0}”',
  matchingMessages: '{0} matching messages',
  untitled: 'New conversation',
  rename: 'Rename {0}',
  renameTitle: 'New title',
  delete: 'Delete',
  deleteConversation: 'Delete {0}',
  deleted: 'Deleted “{0}”',
  undo: 'Undo',
  deleteNow: 'Delete now',
  export: 'Export {0}',
  openConversation: 'Open {0}',
} as const;

export type UiStringKey = keyof typeof UI_STRINGS;
