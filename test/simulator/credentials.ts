// Which credentials the simulator accepts. The formats mirror what little is known: TwinExpert
// rejects malformed keys before lookup ("Invalid API key format"), and third-party code says keys
// look like `ak_...`; KamiMind widget tokens are 32 alphanumerics and bot tokens are UUIDs.

export const DEMO_CREDENTIALS = {
  twinExpertApiKey: 'ak_demo0123456789abcdefSIM',
  twinExpertReadOnlyKey: 'ak_ro_demo0123456789abcdefSIM',
  kamiMindToken: 'kmDemoToken0123456789abcdefSIM00',
  kamiMindBotToken: '7e57c0de-5111-4a7e-8b07-000000000001',
} as const;

const TE_KEY = /^ak_(ro_)?[A-Za-z0-9]{16,}$/;
const KM_TOKEN = /^[A-Za-z0-9._-]{16,}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const NIL_UUID = '00000000-0000-0000-0000-000000000000';

export type TeKeyCheck =
  | { ok: true; key: string; scope: 'read_only' | 'full_access' }
  | { ok: false; message: string; code: string };

/** Bearer wins over X-API-Key, matching the docs' "preferred" header. */
export function teKeyFrom(headers: Record<string, string>): string | undefined {
  const bearer = bearerToken(headers);
  return bearer ?? headers['x-api-key'];
}

export function checkTeKey(key: string | undefined): TeKeyCheck {
  if (key === undefined || key === '') {
    return { ok: false, message: 'API key is required', code: 'MISSING_AUTHORIZATION' };
  }
  if (!TE_KEY.test(key)) {
    return { ok: false, message: 'Invalid API key format', code: 'INVALID_API_KEY' };
  }
  // Well-formed keys with these prefixes stand for keys the real server would know are dead.
  if (key.startsWith('ak_revoked')) {
    return { ok: false, message: 'Invalid API key', code: 'INVALID_API_KEY' };
  }
  if (key.startsWith('ak_expired')) {
    return { ok: false, message: 'API key has expired', code: 'EXPIRED_API_KEY' };
  }
  return { ok: true, key, scope: key.startsWith('ak_ro_') ? 'read_only' : 'full_access' };
}

export function bearerToken(headers: Record<string, string>): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(headers.authorization ?? '');
  return match?.[1];
}

export function isValidKmToken(token: string | undefined): boolean {
  return token !== undefined && KM_TOKEN.test(token);
}

export type BotCheck = 'ok' | 'invalid' | 'notFound';

export function checkBotToken(botToken: string): BotCheck {
  if (!UUID.test(botToken)) return 'invalid';
  return botToken === NIL_UUID ? 'notFound' : 'ok';
}
