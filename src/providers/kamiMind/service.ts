// Who KamiMind is in messages, and the local credential checks that run before any request.
import { KAMIMIND_BOT_TOKEN_FORMAT, KAMIMIND_TOKEN_FORMAT } from '../credentialFormats';
import { ProviderError } from '../errors';
import { localized } from '../../shared/localized';
import {
  EDITOR_NETWORK_HINTS,
  malformedCredentialError,
  missingCredentialError,
  type ServiceInfo,
} from '../messages';

export const KAMIMIND_SERVICE: ServiceInfo = {
  name: 'KamiMind',
  credentialName: 'token',
  howToSetCredential: 'Run "Twin Chat: Set KamiMind Token" to enter a new one.',
  ...EDITOR_NETWORK_HINTS,
};

export const KAMIMIND_BOT_SERVICE: ServiceInfo = {
  name: 'KamiMind',
  credentialName: 'bot token',
  howToSetCredential: 'Run "Twin Chat: Add KamiMind Bot" to enter the bot token again.',
  ...EDITOR_NETWORK_HINTS,
};

export async function resolveKamiMindToken(
  getToken: () => Promise<string | undefined>,
  service: ServiceInfo,
): Promise<string> {
  const token = (await getToken())?.trim();
  if (!token) throw missingCredentialError(service);
  if (!KAMIMIND_TOKEN_FORMAT.test(token))
    throw malformedCredentialError(service, localized('letters and digits without spaces'));
  return token;
}

export async function resolveBotToken(
  getBotToken: (botId: string) => Promise<string | undefined>,
  botId: string,
  service: ServiceInfo,
  /** The configured bots: one missing from them was removed, rather than lacking a token. */
  listBots?: () => Promise<readonly { id: string }[]>,
): Promise<string> {
  const token = (await getBotToken(botId))?.trim();
  if (!token) {
    const removed = listBots && !(await listBots()).some((bot) => bot.id === botId);
    throw removed ? removedBotError() : missingCredentialError(service);
  }
  if (!KAMIMIND_BOT_TOKEN_FORMAT.test(token))
    throw malformedCredentialError(
      service,
      localized('a UUID like 1b4e28ba-2fa1-11d2-883f-0016d3cca427'),
    );
  return token;
}

/**
 * A conversation's bot that is no longer configured (Remove KamiMind Bot) has no token either,
 * but setting one cannot help, and a bot added again gets a new id. What helps is another twin
 * or bot; "not found", so the answer keeps Retry instead of a credential button.
 */
function removedBotError(): ProviderError {
  return new ProviderError({
    kind: 'notFound',
    userMessage: localized(
      'This KamiMind bot was removed from Twin Chat. Choose another twin or bot in the picker, or run "Twin Chat: Add KamiMind Bot" to add it again and choose it there.',
    ),
  });
}
