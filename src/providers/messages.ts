// The sentences people read when something fails: what happened, then what to do next.
import { localized } from '../shared/localized';
import { ProviderError, boundRetryAfter, type ErrorKind } from './errors';

export interface ServiceInfo {
  /** "TwinExpert" or "KamiMind". */
  name: string;
  /** "API key", "token", "bot token". */
  credentialName: string;
  /** A full sentence telling how to fix the credential, e.g. which command to run. */
  howToSetCredential: string;
  /**
   * The next step after a failed connection, in the front end's own terms: the extension takes
   * its proxy from VS Code's settings, the CLI from environment variables.
   */
  howToCheckConnection: string;
  /** The next step when the server's certificate cannot be verified, in the same terms. */
  howToCheckCertificate: string;
}

/** The network hints of the extension, whose proxy and certificate checks are VS Code settings. */
export const EDITOR_NETWORK_HINTS: Pick<
  ServiceInfo,
  'howToCheckConnection' | 'howToCheckCertificate'
> = {
  howToCheckConnection: 'Check your connection or proxy settings (http.proxy).',
  howToCheckCertificate: 'Check your proxy settings (http.proxy, http.proxyStrictSSL).',
};

export interface ErrorContext {
  status?: number;
  retryAfterSeconds?: number;
  requestId?: string;
  serverMessage?: string;
  code?: string;
  detail?: string;
  /** The server's code and message for the details line (ProviderErrorInit.serverDetail). */
  serverDetail?: string;
}

const MAX_SERVER_TEXT = 200;

function quoted(serverMessage: string | undefined): string {
  if (!serverMessage) return '';
  const oneLine = serverMessage.replace(/\s+/g, ' ').trim();
  const short =
    oneLine.length > MAX_SERVER_TEXT ? `${oneLine.slice(0, MAX_SERVER_TEXT)}…` : oneLine;
  return short ? ` ("${short}")` : '';
}

function retryHint(seconds: number | undefined): string {
  const bounded = boundRetryAfter(seconds);
  return bounded !== undefined
    ? localized('Try again in {0} s.', Math.max(1, Math.ceil(bounded)))
    : localized('Try again in a minute.');
}

/**
 * The service's words in the display language. They are data (the CLI has its own), so they are
 * looked up when a sentence is built; test/unit/l10n.test.ts checks the extension's have entries.
 */
function wordsOf(service: ServiceInfo): ServiceInfo {
  return {
    name: service.name,
    credentialName: localized(service.credentialName),
    howToSetCredential: localized(service.howToSetCredential),
    howToCheckConnection: localized(service.howToCheckConnection),
    howToCheckCertificate: localized(service.howToCheckCertificate),
  };
}

export function userMessageFor(kind: ErrorKind, service: ServiceInfo, ctx: ErrorContext): string {
  const { name, credentialName, howToSetCredential, howToCheckConnection } = wordsOf(service);
  // The server's own words go in as they came, never translated (the few descriptions Twin Chat
  // puts in their place, such as "an event was too large", are translated where they are written).
  const srv = quoted(ctx.serverMessage);
  switch (kind) {
    case 'auth':
      return localized(
        '{0} rejected the {1}{2}. {3}',
        name,
        credentialName,
        srv,
        howToSetCredential,
      );
    case 'forbidden':
      return localized(
        '{0} refused this action for your {1}{2}. Use a {1} with full access or check your plan.',
        name,
        credentialName,
        srv,
      );
    case 'notFound':
      return localized(
        '{0} could not find what was asked for{1}. Pick another target or start a new conversation.',
        name,
        srv,
      );
    case 'rateLimited':
      return localized(
        '{0} is limiting requests right now. {1}',
        name,
        retryHint(ctx.retryAfterSeconds),
      );
    case 'badRequest':
      return localized(
        '{0} rejected the request{1}. Check the message and attachments, then try again.',
        name,
        srv,
      );
    case 'server':
      return localized(
        '{0} had a server problem{1}{2}. Try again in a moment.',
        name,
        ctx.status ? ` (HTTP ${ctx.status})` : '',
        srv,
      );
    case 'network':
      return localized('Could not reach {0}. {1}', name, howToCheckConnection);
    case 'timeout':
      return localized(
        '{0} did not answer in time. Try again, or raise the network time-outs in the settings.',
        name,
      );
    case 'cancelled':
      return localized('The request was cancelled.');
    case 'protocol':
      return localized(
        '{0} sent a response Twin Chat could not read{1}. Try again, or check the base URL setting.',
        name,
        srv,
      );
    case 'tooLarge':
      return localized(
        '{0} sent more than Twin Chat keeps for one answer, so it was cut. Raise twinChat.chat.maxAnswerSizeMB to keep more.',
        name,
      );
    case 'insecureUrl':
      return localized(
        'The {0} base URL starts with http://, which would send your {1} unencrypted, so nothing was sent. Use https://… for the {0} base URL (http:// works only for this computer: localhost, 127.0.0.1, ::1).',
        name,
        credentialName,
      );
  }
}

export function providerError(
  kind: ErrorKind,
  service: ServiceInfo,
  ctx: ErrorContext = {},
): ProviderError {
  return new ProviderError({
    kind,
    userMessage: userMessageFor(kind, service, ctx),
    detail: ctx.detail,
    status: ctx.status,
    retryAfterSeconds: ctx.retryAfterSeconds,
    requestId: ctx.requestId,
    code: ctx.code,
    serverDetail: ctx.serverDetail,
  });
}

export function cutOffError(service: ServiceInfo, requestId?: string): ProviderError {
  return new ProviderError({
    kind: 'protocol',
    userMessage: localized(
      'The answer was cut off before it finished. Retry to get the whole answer.',
    ),
    detail: `${service.name} stream ended without a terminal event`,
    requestId,
  });
}

export function missingCredentialError(service: ServiceInfo): ProviderError {
  const words = wordsOf(service);
  return new ProviderError({
    kind: 'auth',
    userMessage: localized(
      'No {0} {1} is set. {2}',
      words.name,
      words.credentialName,
      words.howToSetCredential,
    ),
  });
}

/** `expected`: what a well-formed one looks like, already in the display language. */
export function malformedCredentialError(service: ServiceInfo, expected: string): ProviderError {
  const words = wordsOf(service);
  return new ProviderError({
    kind: 'auth',
    userMessage: localized(
      'The {0} {1} does not look right (expected {2}). {3}',
      words.name,
      words.credentialName,
      expected,
      words.howToSetCredential,
    ),
  });
}

export function kindForStatus(status: number): ErrorKind {
  if (status === 401) return 'auth';
  if (status === 403) return 'forbidden';
  if (status === 404 || status === 410) return 'notFound';
  if (status === 408) return 'timeout';
  if (status === 429) return 'rateLimited';
  if (status >= 500) return 'server';
  if (status >= 400) return 'badRequest';
  return 'protocol';
}
