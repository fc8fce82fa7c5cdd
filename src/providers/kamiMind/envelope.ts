// KamiMind answers `{success, message, data}`; `success:false` is a failure even with HTTP 200, and
// `message` may itself be a JSON string carrying `code` (api-spec K1 errors). Codes are from the
// 2023 app (INVALID_TOKEN, DATA_NOT_FOUND, NOT_ENOUGH_AVAILABLE_MONEY, ...).
import { ProviderError, redactSecrets, type ErrorKind } from '../errors';
import type { HttpResponse } from '../http/types';
import { asRecord, asString, messageText, parseJson, type JsonRecord } from '../json';
import { kindForStatus, providerError, type ServiceInfo } from '../messages';
import { localized } from '../../shared/localized';

const MAX_ERROR_BODY = 64 * 1024;

const KIND_BY_CODE: Record<string, ErrorKind> = {
  INVALID_TOKEN: 'auth',
  UNAUTHORIZED: 'auth',
  INVALID_VERIFY_TOKEN: 'auth',
  UNVERIFIED_USER: 'forbidden',
  FORBIDDEN: 'forbidden',
  NOT_ENOUGH_AVAILABLE_MONEY: 'forbidden',
  DATA_NOT_FOUND: 'notFound',
  RATE_LIMITED: 'rateLimited',
  TOO_MANY_REQUESTS: 'rateLimited',
  PAYLOAD_TOO_LARGE: 'badRequest',
};

export interface KmFailure {
  serverMessage?: string;
  code?: string;
}

/** Reads message and code, unwrapping a message that is itself JSON. */
export function kmFailure(json: JsonRecord | undefined): KmFailure {
  const rawMessage = messageText(json?.message);
  const inner = rawMessage?.trim().startsWith('{') ? asRecord(parseJson(rawMessage)) : undefined;
  const code =
    asString(asRecord(json?.data)?.code) ?? asString(json?.code) ?? asString(inner?.code);
  const serverMessage = inner ? (messageText(inner.message) ?? code) : rawMessage;
  return { serverMessage, code };
}

export function kmKind(status: number, code: string | undefined): ErrorKind {
  const byCode = code ? KIND_BY_CODE[code] : undefined;
  if (byCode) return byCode;
  // success:false with a 2xx status is an application-level refusal of this request.
  return status >= 200 && status < 300 ? 'badRequest' : kindForStatus(status);
}

export function kmError(
  json: JsonRecord | undefined,
  status: number,
  service: ServiceInfo,
  context: {
    requestId?: string;
    retryAfterSeconds?: number;
    secrets: readonly (string | undefined)[];
  },
): ProviderError {
  const failure = kmFailure(json);
  const serverMessage =
    failure.serverMessage && redactSecrets(failure.serverMessage, context.secrets);
  const kind = kmKind(status, failure.code);
  // The vendor's own words: the sentence is ours, the code and message are what support asks for.
  const vendorWords = [failure.code, serverMessage].filter((part) => part).join(': ');
  const error = providerError(kind, service, {
    status,
    serverMessage,
    code: failure.code,
    requestId: context.requestId,
    retryAfterSeconds: context.retryAfterSeconds,
    serverDetail: vendorWords ? redactSecrets(vendorWords, context.secrets) : undefined,
    detail: `${service.name} HTTP ${status}${failure.code ? ` ${failure.code}` : ''}: ${serverMessage ?? '(no message)'}`,
  });
  return failure.code === 'NOT_ENOUGH_AVAILABLE_MONEY' ? outOfCredits(error, service) : error;
}

function outOfCredits(error: ProviderError, service: ServiceInfo): ProviderError {
  const userMessage = localized(
    '{0} says the account is out of credits. Top up the KamiMind account, then try again.',
    service.name,
  );
  return new ProviderError({ ...error, kind: error.kind, userMessage, detail: error.message });
}

export async function kmErrorFromResponse(
  response: HttpResponse,
  service: ServiceInfo,
  secrets: readonly (string | undefined)[],
): Promise<ProviderError> {
  const text = await response.text(MAX_ERROR_BODY).catch(() => '');
  const { requestId, retryAfterSeconds } = response;
  return kmError(asRecord(parseJson(text)), response.status, service, {
    requestId,
    retryAfterSeconds,
    secrets,
  });
}

export function isFailureEnvelope(json: JsonRecord | undefined): boolean {
  return json?.success === false;
}

/** The story id wherever a payload carries it. */
export function storyIdFrom(json: JsonRecord | undefined): string | undefined {
  const data = asRecord(json?.data);
  const id = json?.story_id ?? json?.storyId ?? data?.story_id ?? data?.storyId;
  return typeof id === 'string' && id.length > 0 ? id : undefined;
}
