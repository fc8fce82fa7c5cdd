// The request log leaves the process at GET /__sim/requests, so credentials are masked there.
// In-process tests read `sim.requests` directly and keep the exact values they need to check
// what a client sent; they started the simulator and hold the same demo credentials anyway.
import type { RecordedRequest } from './types';

export const REDACTED = '[redacted]';

const SECRET_HEADERS = ['authorization', 'x-api-key', 'proxy-authorization', 'cookie'];
const SECRET_FIELDS = ['bot_token'];

function mask(record: Record<string, string>, names: string[]): Record<string, string> {
  const out = { ...record };
  for (const name of names) if (name in out) out[name] = REDACTED;
  return out;
}

export function redactRequest(request: RecordedRequest): RecordedRequest {
  return {
    ...request,
    headers: mask(request.headers, SECRET_HEADERS),
    ...(request.fields ? { fields: mask(request.fields, SECRET_FIELDS) } : {}),
  };
}
