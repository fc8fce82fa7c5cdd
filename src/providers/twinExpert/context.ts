// What every TwinExpert call needs, resolved once per operation.
import type { HttpClient, HttpMethod, HttpRequest, HttpResponse } from '../http/types';
import { asRecord } from '../json';
import type { ServiceInfo } from '../messages';
import { joinUrl, requestJson } from '../requestJson';
import { isTeFailure, teErrorFromFailureBody, teErrorFromResponse } from './errorBody';

export interface TeContext {
  http: HttpClient;
  baseUrl: string;
  service: ServiceInfo;
  apiKey: string;
}

export function teRequest(
  ctx: TeContext,
  method: HttpMethod,
  path: string,
  signal: AbortSignal | undefined,
  body?: unknown,
  accept = 'application/json',
): HttpRequest {
  const headers: Record<string, string> = { accept, authorization: `Bearer ${ctx.apiKey}` };
  if (body !== undefined) headers['content-type'] = 'application/json';
  return {
    method,
    url: joinUrl(ctx.baseUrl, path),
    headers,
    body: body === undefined ? undefined : () => JSON.stringify(body),
    signal,
    service: ctx.service,
    secrets: [ctx.apiKey],
    quotaKey: ctx.apiKey,
  };
}

export async function teJson(
  ctx: TeContext,
  method: HttpMethod,
  path: string,
  signal: AbortSignal | undefined,
  body?: unknown,
): Promise<{ json: unknown; requestId?: string }> {
  const request = teRequest(ctx, method, path, signal, body);
  const { json, response } = await requestJson(ctx.http, request, (failed) =>
    teErrorFromResponse(failed, ctx.service, [ctx.apiKey]),
  );
  throwIfFailure(ctx, json, response);
  return { json, requestId: response.requestId };
}

/** A 2xx body that is an error envelope (errorBody.ts) is that error, not a result. */
export function throwIfFailure(
  ctx: TeContext,
  json: unknown,
  response: Pick<HttpResponse, 'requestId' | 'retryAfterSeconds'>,
): void {
  const record = asRecord(json);
  if (record && isTeFailure(record))
    throw teErrorFromFailureBody(record, ctx.service, [ctx.apiKey], response);
}
