// The participant's identifiers, shared with the manifest (package.json `chatParticipants`).

export const PARTICIPANT_ID = 'twinchat.twin';
/** What users type after `@`. */
export const PARTICIPANT_NAME = 'twin';
/**
 * The Retry button under a failed answer: VS Code's own command puts the question into the Chat
 * view again, as if typed, so it continues the same session (and Twin Chat declares no command
 * the palette would show without a use).
 */
export const RETRY_COMMAND = 'workbench.action.chat.open';

export const SlashCommands = { twins: 'twins', use: 'use', new: 'new' } as const;
