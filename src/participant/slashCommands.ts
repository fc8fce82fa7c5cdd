import type { ChatContext, ChatResponseStream, ChatResult } from 'vscode';
import type { Conversation } from '../chat/model';
import { Commands } from '../constants';
import type { TargetView } from '../shared/protocol';
import { describeProvider } from '../shared/providers';
import { resultFor } from './ask';
import type { ParticipantDeps } from './participantDeps';
import { plainText } from './plainText';
import type { SessionConversations, TwinResultMetadata } from './sessionConversations';
import { findTarget, useName, type TargetLookup } from './targetNames';

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
    switchTo: others.map((target) => useName(target, targets)),
  };
  return { ...result, metadata };
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
  const targets = await deps.listTargets(false);
  const found = findTarget(targets, name);
  if (found.kind !== 'found') {
    return resultFor(await sessions.forHistory(history), notFound(found, name, targets, deps));
  }
  const { target } = found;
  await deps.selectTarget(target.key);
  const label = `**${plainText(useName(target, targets))}**`;
  const text = t('Now talking to {0}. Your next question starts a new conversation.', label);
  stream.markdown(deps.markdown(text));
  return resultFor(sessions.fresh());
}

/** Why a /use selected nothing; for an ambiguous name, the names that would each select one. */
function notFound(
  found: Exclude<TargetLookup, { kind: 'found' }>,
  name: string,
  targets: readonly TargetView[],
  deps: ParticipantDeps,
): string {
  const { t } = deps;
  if (found.kind === 'none')
    return t('No twin or bot is called "{0}". Type /twins to see them.', name.trim());
  const names = found.candidates
    .slice(0, MAX_SWITCH_FOLLOWUPS)
    .map((candidate) => `"${useName(candidate, targets)}"`);
  if (found.candidates.length > names.length) names.push('…');
  return t('"{0}" could be {1}. Type /use with one of these names.', name.trim(), names.join(', '));
}
