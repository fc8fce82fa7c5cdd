// Redirects are not followed (undici's `request` does not, and no redirect interceptor is set):
// every request carries a credential, and following would hand it to whatever origin the Location
// names. A redirect still has to be said as one, with where it pointed, or it reads as a response
// Twin Chat "could not read" and nobody learns that the API has moved.
import { ProviderError, redactSecrets } from '../errors';
import type { HttpRequest, HttpResponse } from './types';
import { localized } from '../../shared/localized';

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/** Where the redirect points, without its query: a query can carry a token. */
function target(location: string, base: string): string | undefined {
  try {
    const url = new URL(location, base);
    return url.origin + url.pathname;
  } catch {
    return undefined;
  }
}

export function redirectRefusal(
  response: HttpResponse,
  request: HttpRequest,
): ProviderError | undefined {
  const location = response.header('location');
  if (!REDIRECT_STATUSES.has(response.status) || !location) return undefined;
  const { name, credentialName } = request.service;
  const where = redactSecrets(target(location, request.url) ?? location, request.secrets ?? []);
  return new ProviderError({
    kind: 'protocol',
    userMessage: localized(
      "{0} redirected the request to {1} (HTTP {2}). Twin Chat does not follow redirects, so your {3} was not sent there. If that is the {0} API's new address, use it as the base URL.",
      name,
      where,
      response.status,
      localized(credentialName),
    ),
    detail: `${request.method} ${new URL(request.url).pathname}: HTTP ${response.status} redirect to ${where}`,
    status: response.status,
    requestId: response.requestId,
  });
}
