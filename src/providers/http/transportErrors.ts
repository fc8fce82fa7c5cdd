// Maps what undici and Node throw into ProviderError. Matching is on `code` (also on `cause` and on
// the first error of an AggregateError), never `instanceof`: bundling can load a second copy of
// undici whose classes differ, but the codes are stable.
import { ProviderError, redactSecrets } from '../errors';
import { providerError, type ServiceInfo } from '../messages';
import { cancelledError } from './retry';
import { localized } from '../../shared/localized';

const TIMEOUT_CODES = new Set([
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'ETIMEDOUT',
]);

const TLS_CODE = /^(CERT_|UNABLE_TO_|SELF_SIGNED|DEPTH_ZERO|ERR_TLS_|ERR_SSL_|HOSTNAME_MISMATCH)/;

function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null
    ? (value as Record<string, unknown>)[key]
    : undefined;
}

export function errorCode(error: unknown): string | undefined {
  const candidates = [
    error,
    field(error, 'cause'),
    (field(error, 'errors') as unknown[] | undefined)?.[0],
  ];
  for (const candidate of candidates) {
    const code = field(candidate, 'code');
    if (typeof code === 'string') return code;
  }
  return undefined;
}

function describe(error: unknown): string {
  const message = field(error, 'message');
  return typeof message === 'string' ? message : String(error);
}

/** The upload's own file failed (fileChunks.ts), as thrown or as the cause undici gives. */
function uploadFileError(error: unknown): { fileName: string; message: string } | undefined {
  for (const candidate of [error, field(error, 'cause')]) {
    const fileName = field(candidate, 'fileName');
    if (field(candidate, 'name') === 'UploadFileError' && typeof fileName === 'string')
      return { fileName, message: describe(candidate) };
  }
  return undefined;
}

export function transportError(
  error: unknown,
  service: ServiceInfo,
  signal: AbortSignal | undefined,
  secrets: readonly (string | undefined)[] = [],
): ProviderError {
  if (signal?.aborted) return cancelledError();
  const upload = uploadFileError(error);
  if (upload) {
    return new ProviderError({
      kind: 'badRequest',
      userMessage: localized(
        'The attachment "{0}" changed or could not be read while it was being sent, so the message was not sent. Attach it again.',
        upload.fileName,
      ),
      detail: `${service.name} upload: ${upload.message}`,
    });
  }
  const code = errorCode(error);
  const detail = redactSecrets(
    `${service.name} request failed: ${code ?? 'no code'}: ${describe(error)}`,
    secrets,
  );
  if (code && TIMEOUT_CODES.has(code)) return providerError('timeout', service, { detail, code });
  if (code && TLS_CODE.test(code)) {
    const userMessage = localized(
      "Could not verify {0}'s certificate. {1}",
      service.name,
      localized(service.howToCheckCertificate),
    );
    return new ProviderError({ kind: 'network', userMessage, detail, code });
  }
  return providerError('network', service, { detail, code });
}

/**
 * A failure while the body arrived: the server was reached and had begun to answer, so "could not
 * reach" and the proxy settings would send people after a connection that worked. It broke.
 */
export function bodyTransportError(
  error: unknown,
  service: ServiceInfo,
  signal: AbortSignal | undefined,
  secrets: readonly (string | undefined)[] = [],
): ProviderError {
  const failure = transportError(error, service, signal, secrets);
  if (failure.kind !== 'network') return failure;
  return new ProviderError({
    kind: 'network',
    userMessage: localized(
      'The connection to {0} broke while its response was arriving. Try again.',
      service.name,
    ),
    detail: failure.message,
    code: failure.code,
  });
}
