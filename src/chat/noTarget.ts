import { ProviderError } from '../providers/errors';
import type { CredentialPresence } from '../shared/protocol';
import { localized } from '../shared/localized';

/**
 * Why a message has no twin or bot to go to, said as its failed answer (kept for Retry). "Choose
 * one in the picker" helps only when the picker offers one: before any key is set the picker is
 * hidden under the welcome (a Send Selection can still arrive), and an account without twins
 * lists nothing to choose.
 */
export function noTargetError(presence: CredentialPresence, listedNone: boolean): ProviderError {
  return new ProviderError({ kind: 'badRequest', userMessage: sentence(presence, listedNone) });
}

/** `listedNone`: the last listing of twins and bots worked and found none. */
function sentence(presence: CredentialPresence, listedNone: boolean): string {
  if (!presence.twinexpert && !presence.kamimind)
    return localized(
      'Twin Chat has no API key or bot yet: set a TwinExpert API key or add a KamiMind bot (the buttons above), then Retry.',
    );
  // A listing that failed says so in the picker, with its own buttons.
  if (listedNone)
    return localized(
      'Your TwinExpert account has no twins yet: create one on TwinExpert (or add a KamiMind bot), press Refresh Twins and Bots, then Retry.',
    );
  return localized('Choose a twin or bot in the picker above, then send again.');
}
