// Who KamiMind is in messages, and the local credential checks that run before any request.
import { KAMIMIND_BOT_TOKEN_FORMAT, KAMIMIND_TOKEN_FORMAT } from '../credentialFormats';
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
    throw malformedCredentialError(service, 'letters and digits without spaces');
  return token;
}

export async function resolveBotToken(
  getBotToken: (botId: string) => Promise<string | undefined>,
  botId: string,
  service: ServiceInfo,
): Promise<string> {
  const token = (await getBotToken(botId))?.trim();
  if (!token) throw missingCredentialError(service);
  if (!KAMIMIND_BOT_TOKEN_FORMAT.test(token))
    throw malformedCredentialError(service, 'a UUID like 1b4e28ba-2fa1-11d2-883f-0016d3cca427');
  return token;
}
