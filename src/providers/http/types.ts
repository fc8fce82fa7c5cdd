// The transport contract between the provider clients and undici. Providers never see undici
// types, so the tests and the CLI can reason about requests without the library's details.
import type { ServiceInfo } from '../messages';
import type { QuotaRecorder } from '../quota/types';
import type { MultipartBody } from './multipart';

export interface RequestLogEntry {
  method: string;
  path: string;
  status?: number;
  durationMs: number;
  requestId?: string;
  error?: string;
}

export interface RetryOptions {
  maxAttempts: number;
  baseDelayMs: number;
  /** Upper bound of any single wait, including a server's Retry-After. Longer waits are not made. */
  maxDelayMs: number;
}

export interface HttpOptions {
  connectTimeoutMs: number;
  /** Time from sending the request until the response headers arrive (undici headersTimeout). */
  firstByteTimeoutMs: number;
  /** Longest silence between two body chunks (undici bodyTimeout). */
  idleTimeoutMs: number;
  proxy?: { url?: string; strictSSL?: boolean; noProxy?: string[] };
  retry?: RetryOptions;
  onRequestLog?: (entry: RequestLogEntry) => void;
  userAgent?: string;
  /** Receives the X-RateLimit-* numbers of every response to a request that names `quotaKey`. */
  quota?: QuotaRecorder;
}

export type HttpMethod = 'GET' | 'POST';

export interface HttpRequest {
  method: HttpMethod;
  url: string;
  headers?: Record<string, string>;
  /** A factory, so a retry can build a fresh body (a multipart body re-reads its files). */
  body?: () => string | MultipartBody;
  signal?: AbortSignal;
  /** Names the service in user-facing messages. */
  service: ServiceInfo;
  /** Redacted from every error and log text this request produces. */
  secrets?: readonly (string | undefined)[];
  /** The credential this request counts against, so its rate-limit headers are remembered per key. */
  quotaKey?: string;
}

export interface HttpResponse {
  readonly status: number;
  /** Lower-case media type without parameters, '' when absent. */
  readonly contentType: string;
  readonly requestId?: string;
  readonly retryAfterSeconds?: number;
  header(name: string): string | undefined;
  /** The body bytes; transport failures surface as ProviderError (timeout, network, cancelled). */
  readonly body: AsyncIterable<Uint8Array>;
  /** Reads up to `maxBytes` of the body as UTF-8 and releases the connection. */
  text(maxBytes?: number): Promise<string>;
  /** Stops reading and frees the socket. Safe to call more than once. */
  discard(): void;
}

export interface HttpClient {
  readonly options: HttpOptions;
  request(request: HttpRequest): Promise<HttpResponse>;
  /** Closes the undici dispatcher (and its sockets). */
  dispose(): Promise<void>;
  close(): Promise<void>;
}

export const DEFAULT_RETRY: RetryOptions = { maxAttempts: 3, baseDelayMs: 300, maxDelayMs: 10_000 };
