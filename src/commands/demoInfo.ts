// What the local demo server (the simulator) says about itself, checked before Twin Chat trusts it.
// Anything may be listening on a loopback port, so the answer must come straight from the address
// the user gave (no redirect), name base URLs on that very origin, and carry all the fields.
// No `vscode` here, so unit tests run it against real local servers.

export interface DemoInfo {
  twinExpertBaseUrl: string;
  kamiMindBaseUrl: string;
  twinExpertApiKey: string;
  kamiMindToken: string;
  kamiMindBotToken: string;
}

export type DemoLookup =
  | { kind: 'ok'; demo: DemoInfo }
  /** Nothing answered, it redirected, or the answer is not demo info. */
  | { kind: 'noDemo' }
  /** A demo-shaped answer whose base URLs point away from the address asked. */
  | { kind: 'foreignUrl'; url: string };

const FIELDS: (keyof DemoInfo)[] = [
  'twinExpertBaseUrl',
  'kamiMindBaseUrl',
  'twinExpertApiKey',
  'kamiMindToken',
  'kamiMindBotToken',
];

function isDemoInfo(value: unknown): value is DemoInfo {
  const v = value as Partial<Record<keyof DemoInfo, unknown>> | null;
  return FIELDS.every((key) => typeof v?.[key] === 'string');
}

/** Only a server on this machine can be the demo: the command must never send keys elsewhere. */
export function loopbackUrl(value: string): URL | undefined {
  try {
    const url = new URL(value.trim());
    const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
    const plain = url.username === '' && url.password === '';
    return url.protocol === 'http:' && loopback && plain ? url : undefined;
  } catch {
    return undefined;
  }
}

/** The base URL is on exactly the origin asked: same loopback host, same port, no user info. */
export function isOnOrigin(value: string, origin: URL): boolean {
  return loopbackUrl(value)?.origin === origin.origin;
}

export async function lookUpDemoServer(base: URL, timeoutMs = 3000): Promise<DemoLookup> {
  let body: unknown;
  try {
    const response = await fetch(new URL('/__sim/demo', base), {
      redirect: 'error', // a redirect could lead the keys anywhere
      signal: AbortSignal.timeout(timeoutMs),
    });
    body = response.ok ? await response.json() : undefined;
  } catch {
    return { kind: 'noDemo' };
  }
  if (!isDemoInfo(body)) return { kind: 'noDemo' };
  const foreign = [body.twinExpertBaseUrl, body.kamiMindBaseUrl].find((u) => !isOnOrigin(u, base));
  return foreign === undefined ? { kind: 'ok', demo: body } : { kind: 'foreignUrl', url: foreign };
}

export async function fetchDemoInfo(base: URL, timeoutMs = 3000): Promise<DemoInfo | undefined> {
  const lookup = await lookUpDemoServer(base, timeoutMs);
  return lookup.kind === 'ok' ? lookup.demo : undefined;
}

/**
 * Whether the welcome offers the demo server at `base`. Only a clear "no" hides the button:
 * nothing listens there, or what answers is not the demo. A slow answer is no "no": right after a
 * window reload the extension host is busy starting, and a 1 s time-out hid the button from a
 * newcomer while the demo answered in 2 ms. `patienceMs` only bounds how long the view waits for
 * its first state: then the button shows, and pressing it looks the demo up again.
 */
export async function offerDemoServer(base: URL, patienceMs = 1000): Promise<boolean> {
  let patience: ReturnType<typeof setTimeout> | undefined;
  const slow = new Promise<boolean>((resolve) => {
    patience = setTimeout(() => resolve(true), patienceMs);
  });
  const answered = lookUpDemoServer(base).then((lookup) => lookup.kind === 'ok');
  try {
    return await Promise.race([answered, slow]);
  } finally {
    clearTimeout(patience);
  }
}

/** Whether the demo server still answers at `origin` (its health route, no redirects). */
export async function demoServerResponds(origin: URL, timeoutMs = 1000): Promise<boolean> {
  try {
    const response = await fetch(new URL('/__sim/health', origin), {
      redirect: 'error',
      signal: AbortSignal.timeout(timeoutMs),
    });
    await response.body?.cancel();
    return response.ok;
  } catch {
    return false;
  }
}
