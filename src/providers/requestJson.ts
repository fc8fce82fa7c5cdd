// A JSON request/response round trip shared by both providers; each provider supplies the parser
// for its own error bodies.
import { ProviderError } from './errors';
import type { HttpClient, HttpRequest, HttpResponse } from './http/types';
import { parseJson } from './json';
import { providerError } from './messages';
import { localized } from '../shared/localized';

/**
 * The largest JSON body read. A KamiMind story comes whole in one body, with no paging (api-spec
 * K2): 400 turns of long answers pass 10 MB, and a story that cannot be read cannot be opened.
 */
export const MAX_JSON_BYTES = 64 * 1024 * 1024;

export type ErrorMapper = (response: HttpResponse) => Promise<ProviderError>;

export function isSuccess(status: number): boolean {
  return status >= 200 && status < 300;
}

/** A body past MAX_JSON_BYTES is refused as such: cut, it would read as malformed JSON. */
function tooLargeError(response: HttpResponse, request: HttpRequest): ProviderError {
  const megabytes = MAX_JSON_BYTES / 1024 / 1024;
  return new ProviderError({
    kind: 'protocol',
    userMessage: localized(
      '{0} sent a response larger than the {1} MB Twin Chat reads at once, so it was not read. Nothing was changed.',
      request.service.name,
      megabytes,
    ),
    detail: `${request.method} ${new URL(request.url).pathname}: body over ${MAX_JSON_BYTES} bytes`,
    status: response.status,
    requestId: response.requestId,
  });
}

export async function readJson(response: HttpResponse, request: HttpRequest): Promise<unknown> {
  const text = await response.text(MAX_JSON_BYTES + 1);
  if (Buffer.byteLength(text) > MAX_JSON_BYTES) throw tooLargeError(response, request);
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
