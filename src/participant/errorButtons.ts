import type { ChatRequest, Command } from 'vscode';
import { Commands } from '../constants';
import type { ErrorActionId } from '../shared/protocol';
import { PARTICIPANT_NAME, RETRY_COMMAND } from './ids';
import type { ParticipantDeps } from './participantDeps';

/** The question as typed, for Retry to send again in the same chat session. */
export function retryQuery(request: Pick<ChatRequest, 'prompt' | 'command'>): string {
  const command = request.command ? `/${request.command} ` : '';
  return `@${PARTICIPANT_NAME} ${command}${request.prompt}`;
}

/** The button for an error's first (most useful) action, as Twin Chat's own view offers it. */
export function errorButton(
  action: ErrorActionId,
  request: Pick<ChatRequest, 'prompt' | 'command'>,
  t: ParticipantDeps['t'],
): Command {
  switch (action) {
    case 'retry':
      return {
        command: RETRY_COMMAND,
        title: t('Retry'),
        arguments: [{ query: retryQuery(request) }],
      };
    case 'setTwinExpertKey':
      return { command: Commands.setTwinExpertKey, title: t('Set API Key') };
    case 'setKamiMindToken':
      return { command: Commands.setKamiMindToken, title: t('Set Token') };
    case 'showLogs':
      return { command: Commands.showLogs, title: t('Show Logs') };
  }
}
