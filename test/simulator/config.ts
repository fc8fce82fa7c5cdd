// Defaults and validation for SimulatorConfig. Patches arrive as untrusted JSON (the x-sim-config
// header, POST /__sim/config), so they are checked field by field instead of cast.
import type { Fault, SimulatorConfig } from './types';

export const MIB = 1024 * 1024;

export function defaultConfig(): SimulatorConfig {
  return {
    teSseStyle: 'named',
    teDone: false,
    teJsonShape: 'assistantMessage',
    teErrorEnvelope: 'nest',
    teListShape: 'array',
    teTwinShape: 'data',
    teRateLimitReset: 'epoch',
    kmStoryShape: 'documented',
    kmStreamStyle: 'raw',
    kmBotActor: 'BOT',
    fault: undefined,
    faultOnce: false,
    faultMatch: undefined,
    tokenDelayMs: 5,
    maxUploadBytes: 50 * MIB,
    teJsonLimitBytes: MIB,
    teRateLimit: 500,
    teRateLimitReadOnly: 200,
    teRateLimitWindowSeconds: 3600,
    teRetryAfterHeader: true,
    teMessageHistory: false,
    kmUnknownStory: 'error',
    kmErrorsAs200: false,
    kmOutOfCredits: false,
    recordDeltaTimes: false,
    // Tests check the fixed text; the demo's programs (npm start, npm run simulator) ask for topical.
    answerStyle: 'fixed',
    startTogether: 0,
    startTogetherMaxHoldMs: 30_000,
  };
}

export class ConfigError extends Error {}

type Check = (value: unknown) => boolean;
const oneOf =
  (...allowed: string[]): Check =>
  (v) =>
    typeof v === 'string' && allowed.includes(v);
const isBool: Check = (v) => typeof v === 'boolean';
const isCount: Check = (v) => typeof v === 'number' && Number.isInteger(v) && v >= 0;
const isString: Check = (v) => typeof v === 'string';

const CHECKS: Record<Exclude<keyof SimulatorConfig, 'fault' | 'faultMatch'>, Check> = {
  teSseStyle: oneOf('named', 'typed', 'both'),
  teDone: isBool,
  teJsonShape: oneOf('assistantMessage', 'content'),
  teErrorEnvelope: oneOf('nest', 'documented'),
  teListShape: oneOf('array', 'items'),
  teTwinShape: oneOf('data', 'bare', 'nested'),
  teRateLimitReset: oneOf('epoch', 'seconds'),
  kmStoryShape: oneOf('documented', 'paired'),
  kmStreamStyle: oneOf(
    'raw',
    'sse',
    'ndjson',
    'json',
    'envelopes',
    'envelopesDone',
    'snapshots',
    'snapshotsDone',
  ),
  kmBotActor: isString,
  faultOnce: isBool,
  tokenDelayMs: isCount,
  maxUploadBytes: isCount,
  teJsonLimitBytes: isCount,
  teRateLimit: isCount,
  teRateLimitReadOnly: isCount,
  teRateLimitWindowSeconds: (v) => isCount(v) && (v as number) > 0,
  teRetryAfterHeader: isBool,
  teMessageHistory: isBool,
  kmUnknownStory: oneOf('error', 'create'),
  kmErrorsAs200: isBool,
  kmOutOfCredits: isBool,
  recordDeltaTimes: isBool,
  answerStyle: oneOf('topical', 'fixed'),
  startTogether: isCount,
  // Bounded so a held request can never wait past the clients' largest time-out (600 s).
  startTogetherMaxHoldMs: (v) => isCount(v) && (v as number) <= 600_000,
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Validates a JSON patch; `null` clears the optional fields (fault, faultMatch). */
export function parseConfigPatch(value: unknown): Partial<SimulatorConfig> {
  if (!isRecord(value)) throw new ConfigError('config must be a JSON object');
  const patch: Record<string, unknown> = {};
  for (const [key, raw] of Object.entries(value)) {
    if (key === 'fault')
      patch.fault = raw === null || raw === undefined ? undefined : parseFault(raw);
    else if (key === 'faultMatch') patch.faultMatch = parseFaultMatch(raw);
    else if (key in CHECKS) {
      if (!CHECKS[key as keyof typeof CHECKS](raw))
        throw new ConfigError(`invalid value for ${key}`);
      patch[key] = raw;
    } else throw new ConfigError(`unknown config field ${key}`);
  }
  return patch;
}

function parseFaultMatch(raw: unknown): string | undefined {
  if (raw === null || raw === undefined) return undefined;
  if (typeof raw !== 'string') throw new ConfigError('faultMatch must be a string');
  // Plain text on purpose: a regular expression from request JSON could be made to backtrack for
  // ever ("(a+)+b"). Regex syntax is refused rather than taken literally, so a caller still
  // writing "stream$" hears about it instead of silently faulting nothing.
  if (/[\\^$|*+?()[\]{}]/.test(raw))
    throw new ConfigError('faultMatch is plain text matched at the end of "METHOD /path"');
  return raw;
}

const optionalCount = (v: unknown) => v === undefined || isCount(v);

/** Validates one Fault from untrusted JSON. */
export function parseFault(value: unknown): Fault {
  if (!isRecord(value) || typeof value.kind !== 'string')
    throw new ConfigError('fault needs a kind');
  const v = value;
  const ok = ((): boolean => {
    switch (v.kind) {
      case 'delayHeaders':
        return isCount(v.ms);
      case 'stallMidStream':
      case 'resetMidStream':
      case 'closeWithoutTerminal':
      case 'errorEventMidStream':
        return optionalCount(v.afterDeltas);
      case 'malformedSse':
      case 'crlf':
      case 'bom':
      case 'heartbeats':
      case 'oneByteChunks':
      case 'nonJson200':
        return true;
      case 'rateLimit':
        return (v.retryAfter === 'seconds' || v.retryAfter === 'date') && isCount(v.seconds);
      case 'httpError':
        return v.status === 500 || v.status === 502 || v.status === 503;
      case 'oversizedEvent':
        return optionalCount(v.bytes);
      case 'longAnswer':
        return isCount(v.deltas) && (v.deltas as number) > 0;
      case 'endlessStream':
        return optionalCount(v.stopAfterMB) && ((v.stopAfterMB as number | undefined) ?? 0) <= 4096;
      default:
        return false;
    }
  })();
  if (!ok) throw new ConfigError(`invalid fault ${JSON.stringify(value)}`);
  return value as Fault;
}

/** Parses a JSON header value, turning syntax errors into ConfigError. */
export function parseJsonHeader(name: string, raw: string): unknown {
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    throw new ConfigError(`${name} is not valid JSON`);
  }
}
