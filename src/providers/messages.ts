// The sentences people read when something fails: what happened, then what to do next.
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
    ? `Try again in ${Math.max(1, Math.ceil(bounded))} s.`
    : 'Try again in a minute.';
}

export function userMessageFor(kind: ErrorKind, service: ServiceInfo, ctx: ErrorContext): string {
  const { name, credentialName } = service;
  const srv = quoted(ctx.serverMessage);
  switch (kind) {
    case 'auth':
      return `${name} rejected the ${credentialName}${srv}. ${service.howToSetCredential}`;
    case 'forbidden':
      return `${name} refused this action for your ${credentialName}${srv}. Use a ${credentialName} with full access or check your plan.`;
    case 'notFound':
      return `${name} could not find what was asked for${srv}. Pick another target or start a new conversation.`;
    case 'rateLimited':
      return `${name} is limiting requests right now. ${retryHint(ctx.retryAfterSeconds)}`;
    case 'badRequest':
      return `${name} rejected the request${srv}. Check the message and attachments, then try again.`;
    case 'server':
      return `${name} had a server problem${ctx.status ? ` (HTTP ${ctx.status})` : ''}${srv}. Try again in a moment.`;
    case 'network':
      return `Could not reach ${name}. ${service.howToCheckConnection}`;
    case 'timeout':
      return `${name} did not answer in time. Try again, or raise the network time-outs in the settings.`;
    case 'cancelled':
      return 'The request was cancelled.';
    case 'protocol':
      return `${name} sent a response Twin Chat could not read${srv}. Try again, or check the base URL setting.`;
    case 'tooLarge':
      return `${name} sent more than Twin Chat keeps for one answer, so it was cut. Raise twinChat.chat.maxAnswerSizeMB to keep more.`;
    case 'insecureUrl':
      return `The ${name} base URL starts with http://, which would send your ${credentialName} unencrypted, so nothing was sent. Use https://… for the ${name} base URL (http:// works only for this computer: localhost, 127.0.0.1, ::1).`;
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
    userMessage: 'The answer was cut off before it finished. Retry to get the whole answer.',
    detail: `${service.name} stream ended without a terminal event`,
    requestId,
  });
}

export function missingCredentialError(service: ServiceInfo): ProviderError {
  return new ProviderError({
    kind: 'auth',
    userMessage: `No ${service.name} ${service.credentialName} is set. ${service.howToSetCredential}`,
  });
}

export function malformedCredentialError(service: ServiceInfo, expected: string): ProviderError {
  return new ProviderError({
    kind: 'auth',
    userMessage: `The ${service.name} ${service.credentialName} does not look right (expected ${expected}). ${service.howToSetCredential}`,
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
