// Who KamiMind is in messages, and the local credential checks that run before any request.
import { malformedCredentialError, missingCredentialError, type ServiceInfo } from '../messages';

export const KAMIMIND_SERVICE: ServiceInfo = {
  name: 'KamiMind',
  credentialName: 'token',
  howToSetCredential: 'Run "Twin Chat: Set KamiMind Token" to enter a new one.',
};

export const KAMIMIND_BOT_SERVICE: ServiceInfo = {
  name: 'KamiMind',
  credentialName: 'bot token',
  howToSetCredential: 'Run "Twin Chat: Add KamiMind Bot" to enter the bot token again.',
};

/** Bot tokens are UUIDs in every documented example (api-spec K1 `bot_token`). */
const BOT_TOKEN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** The bearer token format is undocumented; only reject what cannot be a header token at all. */
const BEARER_TOKEN = /^[A-Za-z0-9._~+/=-]{8,}$/;

export async function resolveKamiMindToken(
  getToken: () => Promise<string | undefined>,
  service: ServiceInfo,
): Promise<string> {
  const token = (await getToken())?.trim();
  if (!token) throw missingCredentialError(service);
  if (!BEARER_TOKEN.test(token))
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
  if (!BOT_TOKEN.test(token))
    throw malformedCredentialError(service, 'a UUID like 1b4e28ba-2fa1-11d2-883f-0016d3cca427');
  return token;
}
