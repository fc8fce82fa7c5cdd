// TwinExpert error bodies in both shapes a client must handle: the NestJS exception-filter body the
// live server was seen returning (5.4), and the envelope the docs describe (5.6).
import { randomBytes } from 'node:crypto';
import { sendJson, type Exchange } from './http';

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  413: 'Payload Too Large',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
};

export interface TeError {
  status: number;
  /** An array is NestJS ValidationPipe's way of listing several problems. */
  message: string | string[];
  code: string;
  retryAfter?: number;
}

export function teErrorBody(ex: Exchange, error: TeError): Record<string, unknown> {
  const timestamp = new Date().toISOString();
  if (ex.config.teErrorEnvelope === 'nest') {
    return {
      statusCode: error.status,
      timestamp,
      path: ex.path,
      method: ex.method,
      message: error.message,
      error: REASONS[error.status] ?? 'Error',
    };
  }
  const list = Array.isArray(error.message) ? error.message : undefined;
  return {
    success: false,
    message: list ? list.join('; ') : error.message,
    error: error.code,
    statusCode: error.status,
    meta: {
      timestamp,
      requestId: `req_${randomBytes(6).toString('hex')}`,
      ...(error.retryAfter !== undefined ? { retryAfter: error.retryAfter } : {}),
    },
    ...(list ? { details: { errors: list } } : {}),
  };
}

export function sendTeError(
  ex: Exchange,
  error: TeError,
  headers: Record<string, string> = {},
): void {
  sendJson(ex, error.status, teErrorBody(ex, error), headers);
}
