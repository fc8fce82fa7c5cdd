// Who TwinExpert is in messages, and the local key check that runs before any request.
import { malformedCredentialError, missingCredentialError, type ServiceInfo } from '../messages';

export const TWINEXPERT_SERVICE: ServiceInfo = {
  name: 'TwinExpert',
  credentialName: 'API key',
  howToSetCredential: 'Run "Twin Chat: Set TwinExpert API Key" to enter a new one.',
};

/**
 * Only `ak_` keys are evidenced (api-spec 2.1: third-party code; the server rejects other shapes
 * with "Invalid API key format"). The check stays lenient on the tail (read-only keys look like
 * `ak_ro_…`) so an unexpected but valid key is left for the server to judge.
 */
const KEY_FORMAT = /^ak_[A-Za-z0-9_-]{8,}$/;

export async function resolveTwinExpertKey(
  getApiKey: () => Promise<string | undefined>,
  service: ServiceInfo,
): Promise<string> {
  const key = (await getApiKey())?.trim();
  if (!key) throw missingCredentialError(service);
  if (!KEY_FORMAT.test(key)) throw malformedCredentialError(service, 'a key starting with "ak_"');
  return key;
}
