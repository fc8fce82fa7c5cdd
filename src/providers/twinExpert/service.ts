// Who TwinExpert is in messages, and the local key check that runs before any request.
import { TWINEXPERT_KEY_FORMAT } from '../credentialFormats';
import { localized } from '../../shared/localized';
import {
  EDITOR_NETWORK_HINTS,
  malformedCredentialError,
  missingCredentialError,
  type ServiceInfo,
} from '../messages';

export const TWINEXPERT_SERVICE: ServiceInfo = {
  name: 'TwinExpert',
  credentialName: 'API key',
  howToSetCredential: 'Run "Twin Chat: Set TwinExpert API Key" to enter a new one.',
  ...EDITOR_NETWORK_HINTS,
};

export async function resolveTwinExpertKey(
  getApiKey: () => Promise<string | undefined>,
  service: ServiceInfo,
): Promise<string> {
  const key = (await getApiKey())?.trim();
  if (!key) throw missingCredentialError(service);
  if (!TWINEXPERT_KEY_FORMAT.test(key))
    throw malformedCredentialError(service, localized('a key starting with "ak_"'));
  return key;
}
