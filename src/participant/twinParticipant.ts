import type { CancellationToken, ChatContext, ChatFollowup, ChatRequest } from 'vscode';
import type { ChatResponseStream, ChatResult } from 'vscode';
import { ask, resultFor } from './ask';
import { SlashCommands } from './ids';
import type { ParticipantDeps } from './participantDeps';
import { SessionConversations } from './sessionConversations';
import { listTwins, useTarget } from './slashCommands';

/**
 * @twin in VS Code's Chat view: questions go to the selected Twin Chat twin or bot; /twins lists
 * them, /use <name> switches, /new starts a new server conversation (with a question or without).
 */
export class TwinParticipant {
  private readonly sessions: SessionConversations;

  constructor(private readonly deps: ParticipantDeps) {
    this.sessions = new SessionConversations(deps.conversations);
  }

  async handle(
    request: ChatRequest,
    context: ChatContext,
    stream: ChatResponseStream,
    token: CancellationToken,
  ): Promise<ChatResult> {
    switch (request.command) {
      case SlashCommands.twins:
        return listTwins(await this.sessions.forHistory(context.history), stream, this.deps);
      case SlashCommands.use:
        return useTarget(request.prompt, context.history, stream, this.sessions, this.deps);
      case SlashCommands.new:
        return this.startNew(request, stream, token);
      default: {
        const conversation = await this.sessions.forHistory(context.history);
        return ask({ request, conversation, stream, token }, this.deps);
      }
    }
  }

  /** After /twins, one follow-up per other twin or bot: clicking one sends `/use <its name>`. */
  followups(result: ChatResult): ChatFollowup[] {
    const switchTo: unknown = (result.metadata as { switchTo?: unknown } | undefined)?.switchTo;
    if (!Array.isArray(switchTo)) return [];
    const { t } = this.deps;
    return switchTo
      .filter((label): label is string => typeof label === 'string')
      .map((label) => ({
        prompt: label,
        command: SlashCommands.use,
        label: t('Use {0}', label),
      }));
  }

  private async startNew(
    request: ChatRequest,
    stream: ChatResponseStream,
    token: CancellationToken,
  ): Promise<ChatResult> {
    const { t } = this.deps;
    const conversation = this.sessions.fresh();
    if (request.prompt.trim()) return ask({ request, conversation, stream, token }, this.deps);
    stream.markdown(this.deps.markdown(t('Started a new conversation.')));
    return resultFor(conversation);
  }
}
