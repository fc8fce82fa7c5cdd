// The participant's identifiers, shared with the manifest (package.json `chatParticipants`).

export const PARTICIPANT_ID = 'twinchat.twin';
/** What users type after `@`. */
export const PARTICIPANT_NAME = 'twin';
/** Sends a question to @twin again (the Retry button under a failed answer). */
export const RETRY_COMMAND = 'twinChat.participant.retry';

export const SlashCommands = { twins: 'twins', use: 'use', new: 'new' } as const;
