// Every Twin Chat request carries a credential (an API key, token or bot token in a header), so a
// plain http:// base URL would hand it to every network between the user and the server: one
// missing "s" in a base URL setting is enough. Such a request is refused before anything is sent.
// http:// stays allowed for this computer only, where no network is crossed: the demo server, a
// local proxy or a development server on 127.0.0.0/8, ::1 or localhost.
import type { ProviderError } from '../errors';
import { providerError } from '../messages';
import type { HttpRequest } from './types';

const LOOPBACK_IPV4 = /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/;

/** `hostname` as URL parses it: IPv4 normalised to dotted decimal, IPv6 in brackets. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  return host === 'localhost' || host === '[::1]' || LOOPBACK_IPV4.test(host);
}

/** The error to fail with, when `request` would cross the network unencrypted. */
export function plainHttpRefusal(request: HttpRequest): ProviderError | undefined {
  let url: URL;
  try {
    url = new URL(request.url);
  } catch {
    return undefined; // undici reports a malformed URL in its own words
  }
  if (url.protocol !== 'http:' || isLoopbackHost(url.hostname)) return undefined;
  return providerError('insecureUrl', request.service, {
    detail: `refused to send ${request.method} to ${url.host} over plain http`,
  });
}
