// Faults that replace the whole response before any API logic runs: slow headers, 429, an HTML
// 5xx page from a proxy, and a 200 that is not JSON (a captive portal). Stream faults live in
// stream.ts because they need an answer to cut.
import { sendText, sleep, type Exchange } from './http';
import type { Fault } from './types';

/** Writes a 429 in the emulated API's own error shape. */
export type RateLimitWriter = (
  ex: Exchange,
  headers: Record<string, string>,
  seconds: number,
) => void;

const REASONS: Record<500 | 502 | 503, string> = {
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Temporarily Unavailable',
};

function htmlErrorPage(status: 500 | 502 | 503): string {
  const title = `${status} ${REASONS[status]}`;
  return `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;
}

const CAPTIVE_PORTAL =
  '<!DOCTYPE html><html><head><title>Wi-Fi login</title></head>' +
  '<body><h1>Đăng nhập Wi-Fi</h1><p>Please sign in to continue.</p></body></html>';

export function retryAfterHeader(fault: Extract<Fault, { kind: 'rateLimit' }>): string {
  if (fault.retryAfter === 'seconds') return String(fault.seconds);
  // An HTTP date has whole seconds: truncated, "in 1 s" sent at 12:00:00.999 named 12:00:01, which
  // has passed when read a few ms later, so the client rightly did not wait. Rounded up, the date
  // is never sooner than the seconds asked for.
  return new Date(Math.ceil((Date.now() + fault.seconds * 1000) / 1000) * 1000).toUTCString();
}

/** Returns true when the fault produced the response, so the API handler must not run. */
export async function applyPreResponseFault(
  ex: Exchange,
  writeRateLimit: RateLimitWriter,
): Promise<boolean> {
  const fault = ex.fault;
  switch (fault?.kind) {
    case 'delayHeaders':
      await sleep(fault.ms, ex.signal);
      return ex.signal.aborted;
    case 'rateLimit':
      writeRateLimit(ex, { 'Retry-After': retryAfterHeader(fault) }, fault.seconds);
      return true;
    case 'httpError':
      sendText(ex, fault.status, 'text/html', htmlErrorPage(fault.status));
      return true;
    case 'nonJson200':
      sendText(ex, 200, 'text/html; charset=utf-8', CAPTIVE_PORTAL);
      return true;
    default:
      return false;
  }
}
