// What every TwinExpert call needs, resolved once per operation.
import type { HttpClient, HttpMethod, HttpRequest } from '../http/types';
import type { ServiceInfo } from '../messages';
import { joinUrl, requestJson } from '../requestJson';
import { teErrorFromResponse } from './errorBody';

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

export function teJson(
  ctx: TeContext,
  method: HttpMethod,
  path: string,
  signal: AbortSignal | undefined,
  body?: unknown,
): Promise<{ json: unknown; requestId?: string }> {
  const request = teRequest(ctx, method, path, signal, body);
  return requestJson(ctx.http, request, (response) =>
    teErrorFromResponse(response, ctx.service, [ctx.apiKey]),
  ).then(({ json, response }) => ({ json, requestId: response.requestId }));
}
