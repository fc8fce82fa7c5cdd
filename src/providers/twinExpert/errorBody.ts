// TwinExpert failures come in two envelopes (api-spec "Error format"): the NestJS filter body that
// the live server sends ({statusCode, message: string | string[], error}) and the documented one
// ({success:false, message, error: CODE, meta:{requestId, retryAfter}}). Both are read here.
import type { ProviderError } from '../errors';
import { redactSecrets } from '../errors';
import type { HttpResponse } from '../http/types';
import {
  asNumber,
  asRecord,
  asString,
  messageText,
  parseJson,
  statusSaysFailure,
  type JsonRecord,
} from '../json';
import { kindForStatus, providerError, type ServiceInfo } from '../messages';

const MAX_ERROR_BODY = 64 * 1024;

export async function teErrorFromResponse(
  response: HttpResponse,
  service: ServiceInfo,
  secrets: readonly (string | undefined)[],
): Promise<ProviderError> {
  const text = await response.text(MAX_ERROR_BODY).catch(() => '');
  return teErrorFromBody(asRecord(parseJson(text)), response.status, service, secrets, response);
}

/**
 * Either envelope in a successful (2xx) response: some servers report failures with HTTP 200, and
 * reading such a body as a result would show "Vượt quá giới hạn…" as the twin's answer. The
 * NestJS body has no `success` field, so a `statusCode` of 400 or more counts too when the body
 * carries no `data`.
 */
export function isTeFailure(json: JsonRecord): boolean {
  if (json.success === false || statusSaysFailure(json)) return true;
  const status = asNumber(json.statusCode);
  return status !== undefined && status >= 400 && (json.data === undefined || json.data === null);
}

/** The error an envelope found in a 2xx body describes, by its own `statusCode`. */
export function teErrorFromFailureBody(
  json: JsonRecord,
  service: ServiceInfo,
  secrets: readonly (string | undefined)[],
  response: Pick<HttpResponse, 'requestId' | 'retryAfterSeconds'>,
): ProviderError {
  const numeric = asNumber(json.statusCode) ?? asNumber(json.status);
  const status = numeric ?? (json.error === 'RATE_LIMIT_EXCEEDED' ? 429 : 500);
  return teErrorFromBody(json, status, service, secrets, response);
}

function teErrorFromBody(
  json: JsonRecord | undefined,
  status: number,
  service: ServiceInfo,
  secrets: readonly (string | undefined)[],
  response: Pick<HttpResponse, 'requestId' | 'retryAfterSeconds'>,
): ProviderError {
  const meta = asRecord(json?.meta);
  const rawMessage = messageText(json?.message);
  const serverMessage = rawMessage === undefined ? undefined : redactSecrets(rawMessage, secrets);
  const code = asString(json?.error);
  return providerError(kindForStatus(status), service, {
    status,
    serverMessage,
    code,
    requestId: response.requestId ?? asString(meta?.requestId),
    retryAfterSeconds: response.retryAfterSeconds ?? asNumber(meta?.retryAfter),
    detail: `${service.name} HTTP ${status}${code ? ` ${code}` : ''}: ${serverMessage ?? '(no message)'}`,
  });
}
