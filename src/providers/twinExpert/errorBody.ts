// TwinExpert failures come in two envelopes (api-spec "Error format"): the NestJS filter body that
// the live server sends ({statusCode, message: string | string[], error}) and the documented one
// ({success:false, message, error: CODE, meta:{requestId, retryAfter}}). Both are read here.
import type { ProviderError } from '../errors';
import { redactSecrets } from '../errors';
import type { HttpResponse } from '../http/types';
import { asNumber, asRecord, asString, messageText, parseJson } from '../json';
import { kindForStatus, providerError, type ServiceInfo } from '../messages';

const MAX_ERROR_BODY = 64 * 1024;

export async function teErrorFromResponse(
  response: HttpResponse,
  service: ServiceInfo,
  secrets: readonly (string | undefined)[],
): Promise<ProviderError> {
  const text = await response.text(MAX_ERROR_BODY).catch(() => '');
  const json = asRecord(parseJson(text));
  const meta = asRecord(json?.meta);
  const rawMessage = messageText(json?.message);
  const serverMessage = rawMessage === undefined ? undefined : redactSecrets(rawMessage, secrets);
  const code = asString(json?.error);
  return providerError(kindForStatus(response.status), service, {
    status: response.status,
    serverMessage,
    code,
    requestId: response.requestId ?? asString(meta?.requestId),
    retryAfterSeconds: response.retryAfterSeconds ?? asNumber(meta?.retryAfter),
    detail: `${service.name} HTTP ${response.status}${code ? ` ${code}` : ''}: ${serverMessage ?? '(no message)'}`,
  });
}
