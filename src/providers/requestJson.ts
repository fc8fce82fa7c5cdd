// A JSON request/response round trip shared by both providers; each provider supplies the parser
// for its own error bodies.
import type { ProviderError } from './errors';
import type { HttpClient, HttpRequest, HttpResponse } from './http/types';
import { parseJson } from './json';
import { providerError } from './messages';

export const MAX_JSON_BYTES = 8 * 1024 * 1024;

export type ErrorMapper = (response: HttpResponse) => Promise<ProviderError>;

export function isSuccess(status: number): boolean {
  return status >= 200 && status < 300;
}

export async function readJson(response: HttpResponse, request: HttpRequest): Promise<unknown> {
  const text = await response.text(MAX_JSON_BYTES);
  const json = parseJson(text);
  if (json !== undefined) return json;
  throw providerError('protocol', request.service, {
    status: response.status,
    requestId: response.requestId,
    detail: `${request.method} ${new URL(request.url).pathname}: expected JSON, got ${response.contentType || 'no content type'}`,
  });
}

export async function requestJson(
  http: HttpClient,
  request: HttpRequest,
  toError: ErrorMapper,
): Promise<{ json: unknown; response: HttpResponse }> {
  const response = await http.request(request);
  if (!isSuccess(response.status)) throw await toError(response);
  return { json: await readJson(response, request), response };
}

export function joinUrl(baseUrl: string, path: string): string {
  return baseUrl.replace(/\/+$/, '') + path;
}
