// Admin endpoints under /__sim/ so a separate process (end-to-end tests in VS Code) can drive the
// simulator: read recorded requests, change the configuration, reset.
import { ConfigError, parseConfigPatch } from './config';
import { DEMO_CREDENTIALS } from './credentials';
import { isJsonRequest } from './guard';
import { BodyTooLargeError, drain, readBody, sendJson, type Exchange } from './http';
import { redactRequest } from './redact';
import type { RecordedRequest, SimulatorConfig } from './types';

export interface AdminTarget {
  readonly requests: RecordedRequest[];
  readonly config: SimulatorConfig;
  configure(patch: Partial<SimulatorConfig>): void;
  reset(): void;
}

export const ADMIN_PREFIX = '/__sim';

/** Recorded requests as JSON, credentials masked: kept file bytes travel as base64. */
function serializeRequests(requests: RecordedRequest[]): unknown[] {
  return requests.map(redactRequest).map((r) => ({
    ...r,
    files: r.files?.map(({ bytes, ...file }) => ({
      ...file,
      ...(bytes ? { bytesBase64: bytes.toString('base64') } : {}),
    })),
  }));
}

/**
 * What "Twin Chat: Use Local Demo Server..." needs to point the extension here. The demo
 * credentials are public test values; the base URLs follow the address the caller used.
 */
function demoInfo(ex: Exchange): Record<string, string> {
  const origin = `http://${ex.req.headers.host ?? '127.0.0.1'}`;
  return {
    twinExpertBaseUrl: `${origin}/api/v1`,
    kamiMindBaseUrl: origin,
    twinExpertApiKey: DEMO_CREDENTIALS.twinExpertApiKey,
    kamiMindToken: DEMO_CREDENTIALS.kamiMindToken,
    kamiMindBotToken: DEMO_CREDENTIALS.kamiMindBotToken,
  };
}

async function readPatch(ex: Exchange): Promise<Partial<SimulatorConfig>> {
  const raw = await readBody(ex.req, 1024 * 1024);
  let json: unknown;
  try {
    json = JSON.parse(raw.toString('utf8') || '{}') as unknown;
  } catch {
    throw new ConfigError('body is not valid JSON');
  }
  return parseConfigPatch(json);
}

export async function handleAdmin(ex: Exchange, target: AdminTarget): Promise<void> {
  const route = `${ex.method} ${ex.path.slice(ADMIN_PREFIX.length)}`;
  // A web page can POST text/plain cross-site without asking; application/json it cannot.
  if (ex.method === 'POST' && !isJsonRequest(ex.req.headers)) {
    await drain(ex.req);
    return sendJson(ex, 415, { error: 'admin POSTs must be Content-Type: application/json' });
  }
  try {
    switch (route) {
      case 'GET /health':
        return sendJson(ex, 200, { ok: true });
      case 'GET /demo':
        return sendJson(ex, 200, demoInfo(ex));
      case 'GET /requests':
        return sendJson(ex, 200, serializeRequests(target.requests));
      case 'DELETE /requests':
        target.requests.length = 0;
        return sendJson(ex, 200, { ok: true });
      case 'GET /config':
        return sendJson(ex, 200, target.config);
      case 'POST /config':
        target.configure(await readPatch(ex));
        return sendJson(ex, 200, target.config);
      case 'POST /reset':
        target.reset();
        return sendJson(ex, 200, target.config);
      default:
        return sendJson(ex, 404, { error: `no admin route ${route}` });
    }
  } catch (error) {
    if (error instanceof ConfigError || error instanceof BodyTooLargeError) {
      return sendJson(ex, 400, { error: error.message });
    }
    throw error;
  }
}
