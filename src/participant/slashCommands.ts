import type { ChatContext, ChatResponseStream, ChatResult } from 'vscode';
import type { Conversation } from '../chat/model';
import { Commands } from '../constants';
import type { TargetView } from '../shared/protocol';
import { describeProvider } from '../shared/providers';
import { resultFor } from './ask';
import type { ParticipantDeps } from './participantDeps';
import { plainText } from './plainText';
import type { SessionConversations, TwinResultMetadata } from './sessionConversations';

/** Follow-up buttons under /twins: enough to pick from, few enough to read. */
const MAX_SWITCH_FOLLOWUPS = 8;

function line(target: TargetView, selectedKey: string | undefined, deps: ParticipantDeps): string {
  const { t } = deps;
  const product = describeProvider(target.provider).label;
  const description = target.description ? `: ${plainText(target.description)}` : '';
  const mark = target.key === selectedKey ? ` (${t('selected')})` : '';
  return `- **${plainText(target.label)}** (${product})${mark}${description}`;
}

/**
 * /twins: every twin and bot, the selected one marked; follow-ups switch to the others. Looking
 * does not end the session's conversation: `conversation` is the one it continues.
 */
export async function listTwins(
  conversation: Conversation,
  stream: ChatResponseStream,
  deps: ParticipantDeps,
): Promise<ChatResult> {
  const { t } = deps;
  const targets = await deps.listTargets(true);
  if (targets.length === 0) {
    stream.button({ command: Commands.setTwinExpertKey, title: t('Set API Key') });
    return resultFor(
      conversation,
      t('No twins or bots yet: set a TwinExpert API key or add a KamiMind bot.'),
    );
  }
  const selected = await deps.selectedTarget();
  const selectedKey = selected && `${selected.provider}:${selected.id}`;
  const lines = targets.map((target) => line(target, selectedKey, deps));
  stream.markdown(deps.markdown(`${t('Twins and bots:')}\n\n${lines.join('\n')}`));
  const others = targets
    .filter((target) => target.key !== selectedKey)
    .slice(0, MAX_SWITCH_FOLLOWUPS);
  const result = resultFor(conversation);
  const metadata: TwinResultMetadata = {
    twinChatConversationId: conversation.id,
    switchTo: others.map((target) => target.label),
  };
  return { ...result, metadata };
}

/** The target a /use names: its exact label (any case), else the only label containing it. */
export function findTarget(targets: readonly TargetView[], name: string): TargetView | undefined {
  const wanted = name.trim().toLocaleLowerCase();
  if (!wanted) return undefined;
  const exact = targets.find((target) => target.label.toLocaleLowerCase() === wanted);
  if (exact) return exact;
  const partial = targets.filter((target) => target.label.toLocaleLowerCase().includes(wanted));
  return partial.length === 1 ? partial[0] : undefined;
}

/**
 * /use <name>: selects it (in Twin Chat too); the next question starts a new conversation with it.
 * A name that selects nothing switches nothing, so the session's conversation goes on.
 */
export async function useTarget(
  name: string,
  history: ChatContext['history'],
  stream: ChatResponseStream,
  sessions: SessionConversations,
  deps: ParticipantDeps,
): Promise<ChatResult> {
  const { t } = deps;
  const target = findTarget(await deps.listTargets(false), name);
  if (!target) {
    return resultFor(
      await sessions.forHistory(history),
      t('No twin or bot is called "{0}". Type /twins to see them.', name.trim()),
    );
  }
  await deps.selectTarget(target.key);
  const label = `**${plainText(target.label)}**`;
  const text = t('Now talking to {0}. Your next question starts a new conversation.', label);
  stream.markdown(deps.markdown(text));
  return resultFor(sessions.fresh());
}
